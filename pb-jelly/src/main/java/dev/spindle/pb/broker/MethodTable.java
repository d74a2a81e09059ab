package dev.spindle.pb.broker;

import dev.spindle.pb.flavors.Remote;
import dev.spindle.pb.flavors.MethodShape;
import dev.spindle.pb.flavors.Skeleton;
import dev.spindle.pb.flavors.SkeletonMethods;
import dev.spindle.pb.flavors.Viewable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The remotely callable methods of one class, per {@link Kind}: built once per class (a {@link
 * ClassValue}) from methods named with the kind's prefix ({@code remote_add}) and methods
 * annotated {@link Remote @Remote}, then looked up by name for every call; no reflection per call.
 * Instance methods only, public or not (non-public ones need the class's package to be open to
 * this module, as it is on the class path). A remote name given by two methods of a class (an
 * overload) makes that kind of the class unusable, with a message naming both; it is reported
 * when an object of the class is first sent or published.
 *
 * <p>Immutable and thread-safe.
 */
final class MethodTable {
  private static final ClassValue<MethodTable> TABLES = new ClassValue<>() {
    @Override
    protected MethodTable computeValue(Class<?> type) {
      return new MethodTable(type);
    }
  };

  private final Class<?> type;
  /** The class is declared {@link dev.spindle.transport.Blocking}. */
  private final boolean blocking;
  private final EnumMap<Kind, Map<String, RemoteMethod>> methods = new EnumMap<>(Kind.class);
  private final EnumMap<Kind, String> errors = new EnumMap<>(Kind.class);

  private MethodTable(Class<?> type) {
    this.type = type;
    this.blocking = type.isAnnotationPresent(dev.spindle.transport.Blocking.class);
    if (Skeleton.class.isAssignableFrom(type)) {
      SkeletonMethods generated = SkeletonMethods.of(type);
      for (Kind kind : Kind.values()) {
        buildGenerated(kind, generated);
      }
      return;
    }
    List<Method> candidates = candidates(type);
    for (Kind kind : Kind.values()) {
      build(kind, candidates);
    }
  }

  /** Whether the class is declared {@link dev.spindle.transport.Blocking}. */
  boolean blocking() {
    return blocking;
  }

  /** The table of {@code type}. */
  static MethodTable of(Class<?> type) {
    return TABLES.get(type);
  }

  /**
   * Checks that objects of this class can be called as {@code kind}.
   *
   * @throws IllegalArgumentException naming the problem (an overload, a bad {@code @Keywords}, an
   *     inaccessible method)
   */
  void check(Kind kind) {
    String error = errors.get(kind);
    if (error != null) {
      throw new IllegalArgumentException(error);
    }
  }

  /** Whether the class has methods of {@code kind}, or methods of {@code kind} in error. */
  boolean declares(Kind kind) {
    return errors.containsKey(kind) || !methods.get(kind).isEmpty();
  }

  /** The method called {@code name} for {@code kind}, or null. Call {@link #check} first. */
  RemoteMethod find(Kind kind, String name) {
    check(kind);
    return methods.get(kind).get(name);
  }

  /** Instance methods visible on {@code type}, most derived first, overridden ones dropped. */
  private static List<Method> candidates(Class<?> type) {
    LinkedHashMap<String, Method> bySignature = new LinkedHashMap<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        add(bySignature, m);
      }
    }
    for (Method m : type.getMethods()) {
      if (m.getDeclaringClass() != Object.class) {
        add(bySignature, m);
      }
    }
    return new ArrayList<>(bySignature.values());
  }

  private static void add(Map<String, Method> bySignature, Method m) {
    if (Modifier.isStatic(m.getModifiers()) || m.isSynthetic() || m.isBridge()) {
      return;
    }
    bySignature.putIfAbsent(m.getName() + Arrays.toString(m.getParameterTypes()), m);
  }

  private void build(Kind kind, List<Method> candidates) {
    HashMap<String, RemoteMethod> table = new HashMap<>();
    HashMap<String, Method> sources = new HashMap<>();
    for (Method m : candidates) {
      String name = remoteName(kind, m);
      if (name == null) {
        continue;
      }
      Method other = sources.putIfAbsent(name, m);
      if (other != null) {
        fail(kind, "remote method '" + name + "' of " + type.getName() + " is defined twice: "
            + describe(other) + " and " + describe(m)
            + " (expected: one method per remote name; overloads are not supported)");
        return;
      }
      try {
        table.put(name, prepare(kind, name, m));
      } catch (IllegalArgumentException e) {
        fail(kind, e.getMessage());
        return;
      }
    }
    methods.put(kind, table);
  }

  /** A generated skeleton: the registered shapes, called through {@link Skeleton#dispatch}. */
  private void buildGenerated(Kind kind, SkeletonMethods generated) {
    if (generated == null) {
      fail(kind, type.getName() + " implements Skeleton but registered no SkeletonMethods"
          + " (expected: a skeleton generated by spindle-codegen)");
      return;
    }
    if (kind == Kind.VIEW && !Viewable.class.isAssignableFrom(type)) {
      fail(kind, type.getName() + " is a generated skeleton but not a Viewable"
          + " (expected: its View, from <Interface>_PbSkeleton.view)");
      return;
    }
    if (kind != Kind.VIEW && Viewable.class.isAssignableFrom(type)) {
      fail(kind, type.getName() + " is a generated View, called as view_ only"
          + " (expected: <Interface>_PbSkeleton.of for " + kind.prefix() + " methods)");
      return;
    }
    int reserved = kind == Kind.VIEW ? 1 : 0; // the perspective, which chooses the View's target
    HashMap<String, RemoteMethod> table = new HashMap<>();
    List<MethodShape> shapes = generated.methods();
    for (int index = 0; index < shapes.size(); index++) {
      MethodShape shape = shapes.get(index);
      List<MethodShape.Parameter> ps = shape.parameters();
      RemoteMethod.Param[] params = new RemoteMethod.Param[reserved + ps.size()];
      if (reserved == 1) {
        params[0] = new RemoteMethod.Param("perspective", Object.class, false, false, false, null,
            null);
      }
      StringBuilder describe = new StringBuilder(generated.interfaceName()).append('.')
          .append(shape.name()).append('(');
      for (int i = 0; i < ps.size(); i++) {
        MethodShape.Parameter p = ps.get(i);
        params[reserved + i] = new RemoteMethod.Param(p.name(), p.type(), p.kind() == MethodShape.Kind.VAR_ARGS,
            p.kind() == MethodShape.Kind.KEYWORD_ONLY, p.kind() == MethodShape.Kind.KEYWORDS,
            p.defaultText(), p.convert());
        describe.append(i == 0 ? "" : ", ").append(p.type().getSimpleName());
      }
      describe.append(')');
      String display = generated.interfaceName() + "." + kind.prefix() + shape.name();
      try {
        if (table.put(shape.name(), new RemoteMethod(kind, display, describe.toString(), params, index)) != null) {
          fail(kind, "remote method '" + shape.name() + "' of " + type.getName() + " is defined twice");
          return;
        }
      } catch (IllegalArgumentException e) {
        fail(kind, e.getMessage());
        return;
      }
    }
    methods.put(kind, table);
  }

  private void fail(Kind kind, String error) {
    errors.put(kind, error);
    methods.put(kind, Map.of());
  }

  private static String remoteName(Kind kind, Method m) {
    Remote annotation = m.getAnnotation(Remote.class);
    if (annotation != null) {
      return annotation.value().isEmpty() ? m.getName() : annotation.value();
    }
    String n = m.getName();
    if (n.startsWith(kind.prefix()) && n.length() > kind.prefix().length()) {
      return n.substring(kind.prefix().length());
    }
    return null;
  }

  private RemoteMethod prepare(Kind kind, String name, Method m) {
    return new RemoteMethod(kind, name, m, handle(m, m.getParameterCount()));
  }

  /** {@code (Object target, Object[] args) Object}; void methods return null. */
  private static MethodHandle handle(Method m, int arity) {
    MethodHandle mh;
    try {
      m.setAccessible(true);
      mh = MethodHandles.lookup().unreflect(m);
    } catch (RuntimeException | IllegalAccessException e) {
      try {
        mh = MethodHandles.publicLookup().unreflect(m);
      } catch (IllegalAccessException e2) {
        throw new IllegalArgumentException(describe(m) + " is not accessible to dev.spindle.pb"
            + " (expected: a public method of a public class in an exported package, or a package"
            + " opened to dev.spindle.pb): " + e2.getMessage());
      }
    }
    // a Java varargs method's handle would collect its trailing argument: the array is made here
    return mh.asFixedArity().asType(MethodType.genericMethodType(arity + 1)).asSpreader(Object[].class, arity);
  }

  static String describe(Method m) {
    StringBuilder sb = new StringBuilder(m.getDeclaringClass().getSimpleName()).append('.')
        .append(m.getName()).append('(');
    Class<?>[] types = m.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
    }
    return sb.append(')').toString();
  }
}
