package dev.spindle.pb.flavors;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;

/**
 * The remote methods of a generated {@link Skeleton} class, in {@link Skeleton#dispatch} order.
 * A generated skeleton registers them in its static initializer, so they are known before any
 * instance exists; the broker reads them in place of reflecting on the class.
 */
public final class SkeletonMethods {
  /** Weak keys: a generated class and its loader can be unloaded. Read once per class. */
  private static final Map<Class<?>, SkeletonMethods> REGISTERED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private final String interfaceName;
  private final List<MethodShape> methods;

  private SkeletonMethods(String interfaceName, List<MethodShape> methods) {
    this.interfaceName = interfaceName;
    this.methods = methods;
  }

  /**
   * Registers the methods of {@code type}, a generated skeleton of the remote interface {@code
   * interfaceName} (as Python's {@code __qualname__} would read, for error texts).
   *
   * @param type the generated skeleton class
   * @param interfaceName the remote interface's name, as Python's {@code __qualname__} would read
   * @param methods the remote methods, in {@link Skeleton#dispatch} order
   * @return the registered methods
   * @throws IllegalStateException if {@code type} is registered already
   */
  public static SkeletonMethods register(Class<? extends Skeleton> type, String interfaceName,
      MethodShape... methods) {
    SkeletonMethods m = new SkeletonMethods(Objects.requireNonNull(interfaceName, "interfaceName"),
        List.of(methods));
    if (REGISTERED.putIfAbsent(type, m) != null) {
      throw new IllegalStateException(type.getName() + " is registered already");
    }
    return m;
  }

  /**
   * The methods registered for {@code type} (initializing it first), or null if it registered
   * none.
   *
   * @param type a generated skeleton class
   * @return its methods, or {@code null} if it registered none
   */
  public static SkeletonMethods of(Class<?> type) {
    SkeletonMethods m = REGISTERED.get(type);
    if (m == null) {
      try {
        Class.forName(type.getName(), true, type.getClassLoader());
      } catch (ClassNotFoundException e) {
        return null;
      }
      m = REGISTERED.get(type);
    }
    return m;
  }

  /** {@return the remote interface's name, for messages} */
  public String interfaceName() {
    return interfaceName;
  }

  /** {@return the methods, in dispatch order} */
  public List<MethodShape> methods() {
    return methods;
  }
}
