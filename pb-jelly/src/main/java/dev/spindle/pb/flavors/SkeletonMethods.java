package dev.spindle.pb.flavors;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * The remote methods of a generated {@link Skeleton} class, in {@link Skeleton#dispatch} order.
 * A generated skeleton registers them in its static initializer, so they are known before any
 * instance exists; the broker reads them in place of reflecting on the class.
 */
public final class SkeletonMethods {
  /** Weak keys: a generated class and its loader can be unloaded. Read once per class. */
  private static final Map<Class<?>, SkeletonMethods> REGISTERED =
      Collections.synchronizedMap(new WeakHashMap<>());

  /**
   * Remote interface to its generated {@code <Interface>_PbSkeleton::of}, set once. A {@link
   * ClassValue}: the factory refers to its interface's loader, which a map's weak key would not
   * let go.
   */
  private static final ClassValue<AtomicReference<Function<Object, Skeleton>>> FACTORIES =
      new ClassValue<>() {
        @Override
        protected AtomicReference<Function<Object, Skeleton>> computeValue(Class<?> type) {
          return new AtomicReference<>();
        }
      };

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

  /**
   * Registers {@code of}, the generated skeleton factory of the remote interface {@code type}: how
   * PB wraps an object implementing it that is not exported through the skeleton itself, a {@link
   * RemoteCache} whose {@code observe_} methods the interface declares.
   *
   * @param <T> the remote interface
   * @param type the remote interface; not null
   * @param of makes the skeleton of an object implementing {@code type}; not null
   * @throws IllegalStateException if {@code type} has a factory already
   */
  public static <T> void registerFactory(Class<T> type, Function<? super T, ? extends Skeleton> of) {
    Objects.requireNonNull(of, "of");
    Function<Object, Skeleton> factory = target -> of.apply(type.cast(target));
    if (!FACTORIES.get(Objects.requireNonNull(type, "type")).compareAndSet(null, factory)) {
      throw new IllegalStateException(type.getName() + " has a skeleton factory already");
    }
  }

  /**
   * The skeleton factory of the remote interface {@code type} (initializing its generated {@code
   * <Interface>_PbSkeleton}, named as spindle-codegen names it), or null if there is none.
   *
   * @param type a remote interface; not null
   * @return its skeleton factory, or null when no generated skeleton registered one
   */
  public static Function<Object, Skeleton> factory(Class<?> type) {
    Function<Object, Skeleton> f = FACTORIES.get(type).get();
    if (f == null) {
      String pkg = type.getPackageName();
      String binary = type.getName().substring(pkg.isEmpty() ? 0 : pkg.length() + 1);
      String skeleton = (pkg.isEmpty() ? "" : pkg + ".") + binary.replace('$', '_') + "_PbSkeleton";
      try {
        Class.forName(skeleton, true, type.getClassLoader());
      } catch (ClassNotFoundException e) {
        return null;
      }
      f = FACTORIES.get(type).get();
    }
    return f;
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
