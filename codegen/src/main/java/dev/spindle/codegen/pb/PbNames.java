package dev.spindle.codegen.pb;

import com.squareup.javapoet.ClassName;

/** Names of the pb-jelly types the processor reads and the generated code uses; never loaded. */
public final class PbNames {
  private static final String PB = "dev.spindle.pb";

  /** {@code @RemoteInterface}: marks an interface for a generated stub and skeleton. */
  public static final String REMOTE_INTERFACE = PB + ".typed.RemoteInterface";
  /** {@code @Default}: a remote method parameter's default value. */
  public static final String DEFAULT = PB + ".flavors.Default";
  /** {@code @KeywordOnly}: a remote method parameter bound only by name. */
  public static final String KEYWORD_ONLY = PB + ".flavors.KeywordOnly";
  /** {@code @VarArgs}: the parameter that takes extra positional arguments ({@code *args}). */
  public static final String VAR_ARGS = PB + ".flavors.VarArgs";
  /** {@code @Keywords}: the parameter that takes unmatched keyword arguments ({@code **kw}). */
  public static final String KEYWORDS = PB + ".flavors.Keywords";
  /** {@code @Remote}: a remote method's name, when not its Java name. */
  public static final String REMOTE = PB + ".flavors.Remote";
  /** {@code Jellyable}: an object that writes its own s-expression. */
  public static final String JELLYABLE = PB + ".jelly.Jellyable";
  /** {@code Copyable}: an object sent by value. */
  public static final String COPYABLE = PB + ".flavors.Copyable";
  /** {@code @CopyRecord}: marks a record for a generated {@code _PbCopy}. */
  public static final String COPY_RECORD = PB + ".typed.CopyRecord";

  /** {@code RemoteReference}: what a generated stub calls through. */
  public static final ClassName REMOTE_REFERENCE = ClassName.get(PB, "RemoteReference");
  /** {@code RemoteCacheObserver}: what a generated observer stub calls through. */
  public static final ClassName REMOTE_CACHE_OBSERVER =
      ClassName.get(PB + ".flavors", "RemoteCacheObserver");
  /** {@code ByteString}: Python's {@code bytes} as unjelly gives it. */
  public static final ClassName BYTE_STRING = ClassName.get(PB + ".jelly", "ByteString");
  /** {@code Tuple}: Python's {@code tuple}. */
  public static final ClassName TUPLE = ClassName.get(PB + ".jelly", "Tuple");
  /** {@code Root}: the object a PB server publishes as {@code root}. */
  public static final ClassName ROOT = ClassName.get(PB + ".flavors", "Root");
  /** {@code Perspective}: the avatar interface of a PB login. */
  public static final ClassName PERSPECTIVE = ClassName.get(PB + ".login", "Perspective");
  /** {@code Viewable}: an object whose calls also receive the caller's perspective. */
  public static final ClassName VIEWABLE = ClassName.get(PB + ".flavors", "Viewable");
  /** {@code @Default}, as a class name for generated code. */
  public static final ClassName DEFAULT_CLASS = ClassName.get(PB + ".flavors", "Default");
  /** {@code Skeleton}: the interface generated skeletons implement. */
  public static final ClassName SKELETON = ClassName.get(PB + ".flavors", "Skeleton");
  /** {@code SkeletonMethods}: where a generated skeleton registers its methods. */
  public static final ClassName SKELETON_METHODS = ClassName.get(PB + ".flavors", "SkeletonMethods");
  /** {@code MethodShape}: one remote method's Python signature, built by a generated skeleton. */
  public static final ClassName METHOD_SHAPE = ClassName.get(PB + ".flavors", "MethodShape");
  /** {@code PbStub}: the interface generated stubs implement. */
  public static final ClassName PB_STUB = ClassName.get(PB + ".typed", "PbStub");
  /** {@code Stubs}: the runtime support generated stubs call. */
  public static final ClassName STUBS = ClassName.get(PB + ".typed", "Stubs");
  /** {@code Elements}: conversions to generic element types, built by generated code. */
  public static final ClassName ELEMENTS = ClassName.get(PB + ".typed", "Elements");
  /** {@code SkeletonCache}: one skeleton per target object, for a generated {@code of} method. */
  public static final ClassName SKELETON_CACHE = ClassName.get(PB + ".typed", "SkeletonCache");

  /** {@code JellyRegistry.Builder}: what a generated {@code _PbCopy} registers its record with. */
  public static final ClassName JELLY_REGISTRY_BUILDER =
      ClassName.get(PB + ".jelly", "JellyRegistry", "Builder");

  /** The suffix of a generated client stub's name: {@code <Interface>_PbStub}. */
  public static final String STUB_SUFFIX = "_PbStub";
  /** The suffix of a generated copy registration's name: {@code <Record>_PbCopy}. */
  public static final String COPY_SUFFIX = "_PbCopy";
  /** The suffix of a generated server skeleton's name: {@code <Interface>_PbSkeleton}. */
  public static final String SKELETON_SUFFIX = "_PbSkeleton";

  private PbNames() {}
}
