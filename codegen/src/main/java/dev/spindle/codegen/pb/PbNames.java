package dev.spindle.codegen.pb;

import com.squareup.javapoet.ClassName;

/** Names of the pb-jelly types the processor reads and the generated code uses; never loaded. */
public final class PbNames {
  private static final String PB = "dev.spindle.pb";

  public static final String REMOTE_INTERFACE = PB + ".typed.RemoteInterface";
  public static final String DEFAULT = PB + ".flavors.Default";
  public static final String KEYWORD_ONLY = PB + ".flavors.KeywordOnly";
  public static final String VAR_ARGS = PB + ".flavors.VarArgs";
  public static final String KEYWORDS = PB + ".flavors.Keywords";
  public static final String REMOTE = PB + ".flavors.Remote";
  public static final String JELLYABLE = PB + ".jelly.Jellyable";
  public static final String COPYABLE = PB + ".flavors.Copyable";
  public static final String COPY_RECORD = PB + ".typed.CopyRecord";

  public static final ClassName REMOTE_REFERENCE = ClassName.get(PB, "RemoteReference");
  public static final ClassName REMOTE_CACHE_OBSERVER =
      ClassName.get(PB + ".flavors", "RemoteCacheObserver");
  public static final ClassName BYTE_STRING = ClassName.get(PB + ".jelly", "ByteString");
  public static final ClassName TUPLE = ClassName.get(PB + ".jelly", "Tuple");
  public static final ClassName ROOT = ClassName.get(PB + ".flavors", "Root");
  public static final ClassName PERSPECTIVE = ClassName.get(PB + ".login", "Perspective");
  public static final ClassName VIEWABLE = ClassName.get(PB + ".flavors", "Viewable");
  public static final ClassName DEFAULT_CLASS = ClassName.get(PB + ".flavors", "Default");
  public static final ClassName SKELETON = ClassName.get(PB + ".flavors", "Skeleton");
  public static final ClassName SKELETON_METHODS = ClassName.get(PB + ".flavors", "SkeletonMethods");
  public static final ClassName METHOD_SHAPE = ClassName.get(PB + ".flavors", "MethodShape");
  public static final ClassName PB_STUB = ClassName.get(PB + ".typed", "PbStub");
  public static final ClassName STUBS = ClassName.get(PB + ".typed", "Stubs");
  public static final ClassName ELEMENTS = ClassName.get(PB + ".typed", "Elements");
  public static final ClassName SKELETON_CACHE = ClassName.get(PB + ".typed", "SkeletonCache");

  public static final ClassName JELLY_REGISTRY_BUILDER =
      ClassName.get(PB + ".jelly", "JellyRegistry", "Builder");

  public static final String STUB_SUFFIX = "_PbStub";
  public static final String COPY_SUFFIX = "_PbCopy";
  public static final String SKELETON_SUFFIX = "_PbSkeleton";

  private PbNames() {}
}
