package dev.spindle.pb.broker;

import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.flavors.Skeleton;
import dev.spindle.pb.flavors.SkeletonMethods;
import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the owner's {@code cachemessage} calls on a received {@link RemoteCache}, found once per
 * class: the cache itself (its reflective {@code observe_} methods), or, when the class implements
 * a remote interface ({@code @RemoteInterface}), the interface's generated skeleton, which
 * dispatches the interface's methods as {@code observe_<name>} with no reflection per call.
 */
final class ObservedCaches {
  /**
   * {@code dev.spindle.pb.typed.RemoteInterface}, read by name: {@code typed} is a layer above the
   * broker, which does not import it.
   */
  private static final String REMOTE_INTERFACE = "dev.spindle.pb.typed.RemoteInterface";

  private static final ClassValue<Function<RemoteCache, Object>> TARGETS = new ClassValue<>() {
    @Override
    protected Function<RemoteCache, Object> computeValue(Class<?> type) {
      return target(type);
    }
  };

  private ObservedCaches() {}

  /**
   * The object {@code cache}'s {@code observe_} calls run on.
   *
   * @throws IllegalArgumentException if its class cannot be observed: two remote interfaces, one
   *     plus reflective {@code observe_} methods, or no generated skeleton
   */
  static Object of(RemoteCache cache) {
    return TARGETS.get(cache.getClass()).apply(cache);
  }

  private static Function<RemoteCache, Object> target(Class<?> type) {
    List<Class<?>> remote = mostSpecific(remoteInterfaces(type));
    if (remote.isEmpty()) {
      return cache -> cache;
    }
    String error = null;
    Function<Object, Skeleton> factory = null;
    if (remote.size() > 1) {
      error = type.getName() + " implements the remote interfaces " + names(remote)
          + " (expected: one, which may extend the others, for its observe_ methods)";
    } else if (MethodTable.of(type).declares(Kind.OBSERVE)) {
      error = type.getName() + " implements the remote interface " + remote.get(0).getName()
          + " and declares observe_ (or @Remote) methods of its own (expected: one or the other)";
    } else {
      factory = SkeletonMethods.factory(remote.get(0));
      if (factory == null) {
        error = "no generated skeleton for the remote interface " + remote.get(0).getName()
            + " of " + type.getName() + " (expected: " + remote.get(0).getName()
            + "_PbSkeleton; is spindle-codegen on the annotation processor path?)";
      }
    }
    if (error != null) {
      String message = error;
      return cache -> {
        throw new IllegalArgumentException(message);
      };
    }
    Function<Object, Skeleton> skeleton = factory;
    return skeleton::apply;
  }

  /** The interfaces annotated {@code @RemoteInterface} that {@code type} implements. */
  private static Set<Class<?>> remoteInterfaces(Class<?> type) {
    Set<Class<?>> found = new LinkedHashSet<>();
    List<Class<?>> pending = new ArrayList<>();
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      pending.addAll(List.of(c.getInterfaces()));
    }
    while (!pending.isEmpty()) {
      Class<?> i = pending.remove(pending.size() - 1);
      if (isRemoteInterface(i)) {
        found.add(i);
      }
      pending.addAll(List.of(i.getInterfaces()));
    }
    return found;
  }

  private static boolean isRemoteInterface(Class<?> type) {
    for (Annotation a : type.getAnnotations()) {
      if (a.annotationType().getName().equals(REMOTE_INTERFACE)) {
        return true;
      }
    }
    return false;
  }

  /** {@code interfaces} without those another of them extends. */
  private static List<Class<?>> mostSpecific(Set<Class<?>> interfaces) {
    List<Class<?>> result = new ArrayList<>();
    for (Class<?> i : interfaces) {
      boolean extended = interfaces.stream().anyMatch(j -> j != i && i.isAssignableFrom(j));
      if (!extended) {
        result.add(i);
      }
    }
    return result;
  }

  private static String names(List<Class<?>> types) {
    return types.stream().map(Class::getName).sorted().collect(Collectors.joining(" and "));
  }
}
