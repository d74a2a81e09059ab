package dev.spindle.pb.broker;

import dev.spindle.pb.exceptions.PbArgumentException;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One remotely callable method, prepared once: a spreading {@link MethodHandle} of type {@code
 * (Object target, Object[] args) Object}, a converter per parameter, the parameter names for
 * keyword binding (when compiled with {@code -parameters}) and the {@code @Keywords} slot.
 * Immutable and thread-safe.
 */
final class RemoteMethod {
  private final String display;
  private final MethodHandle invoker;
  private final Conversions.Converter[] converters;
  private final String[] names;
  private final int reserved;
  private final int keywords;
  private final int positional;

  RemoteMethod(
      Method method,
      MethodHandle invoker,
      Conversions.Converter[] converters,
      String[] names,
      int reserved,
      int keywords) {
    this.display = method.getDeclaringClass().getName() + "." + method.getName();
    this.invoker = invoker;
    this.converters = converters;
    this.names = names;
    this.reserved = reserved;
    this.keywords = keywords;
    this.positional = converters.length - reserved - (keywords >= 0 ? 1 : 0);
  }

  /** Calls the method with arguments made by {@link #bind}; whatever it throws propagates. */
  Object call(Object target, Object[] bound) throws Throwable {
    return (Object) invoker.invokeExact(target, bound);
  }

  /**
   * Binds and converts the caller's arguments (and the perspective, for a view method) to the
   * parameters. Throws Twisted's {@code TypeError} ({@link TwistedException}) if they do not fit.
   */
  Object[] bind(Object perspective, List<?> args, Map<String, ?> kwargs) {
    Object[] out = new Object[converters.length];
    if (reserved == 1) {
      out[0] = convert(0, perspective);
    }
    int given = args.size();
    if (given > positional) {
      throw TwistedException.typeError(display + "() takes " + positional + " positional argument"
          + (positional == 1 ? "" : "s") + " but " + given + (given == 1 ? " was" : " were") + " given");
    }
    for (int i = 0; i < given; i++) {
      out[reserved + i] = convert(reserved + i, args.get(i));
    }
    int filled = given;
    boolean[] byName = null;
    Map<String, Object> extra = keywords >= 0 ? new LinkedHashMap<>() : null;
    if (!kwargs.isEmpty()) {
      for (Map.Entry<String, ?> e : kwargs.entrySet()) {
        String key = e.getKey();
        int index = indexOf(key);
        if (index >= 0) {
          if (index < reserved + given) {
            throw TwistedException.typeError(display + "() got multiple values for argument '" + key + "'");
          }
          if (byName == null) {
            byName = new boolean[converters.length];
          }
          out[index] = convert(index, e.getValue());
          byName[index] = true;
          filled++;
        } else if (extra != null) {
          extra.put(key, e.getValue());
        } else {
          throw TwistedException.typeError(display + "() got an unexpected keyword argument '" + key + "'"
              + (names == null ? " (its class was compiled without -parameters, so only a @Keywords map receives keywords)" : ""));
        }
      }
    }
    if (filled < positional) {
      for (int i = reserved + given; i < reserved + positional; i++) {
        if (byName == null || !byName[i]) {
          throw TwistedException.typeError(display + "() missing required argument '" + name(i) + "'");
        }
      }
    }
    if (keywords >= 0) {
      out[keywords] = extra;
    }
    return out;
  }

  private int indexOf(String key) {
    if (names == null) {
      return -1;
    }
    for (int i = reserved; i < reserved + positional; i++) {
      if (names[i].equals(key)) {
        return i;
      }
    }
    return -1;
  }

  private String name(int index) {
    return names != null ? names[index] : "arg" + index;
  }

  private Object convert(int index, Object value) {
    try {
      return converters[index].convert(value);
    } catch (PbArgumentException e) {
      throw TwistedException.typeError(display + "() argument '" + name(index) + "': " + e.getMessage());
    }
  }

  @Override
  public String toString() {
    return display;
  }
}
