package dev.spindle.pb.broker;

import dev.spindle.pb.exceptions.PbArgumentException;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.pb.jelly.ValueText;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;

/**
 * Converts unjellied values to declared Java types: the parameters of remote methods, and the
 * result type of a typed {@code callRemote}. A converter is chosen once per type, then applied
 * per call.
 *
 * <table>
 * <caption>Declared type, and what it accepts</caption>
 * <tr><th>declared</th><th>accepts</th></tr>
 * <tr><td>{@code long}, {@code int}, {@code short}, {@code byte} and boxes</td><td>an integer in range</td></tr>
 * <tr><td>{@code BigInteger}</td><td>any integer</td></tr>
 * <tr><td>{@code double}, {@code float} and boxes</td><td>a float, or an integer (as Python does)</td></tr>
 * <tr><td>{@code boolean}, {@code Boolean}</td><td>a bool</td></tr>
 * <tr><td>{@code String}</td><td>a str</td></tr>
 * <tr><td>{@code byte[]} (a copy), {@code ByteString}</td><td>bytes</td></tr>
 * <tr><td>{@code List}, {@code Collection}, {@code Iterable}</td><td>a list or a tuple (and, for the last two, sets)</td></tr>
 * <tr><td>{@code Tuple}</td><td>a tuple or a list</td></tr>
 * <tr><td>{@code Map}, {@code Set}</td><td>a dict, a set or frozenset</td></tr>
 * <tr><td>{@code Object}</td><td>anything</td></tr>
 * <tr><td>any other class</td><td>an instance of it (a registered copy class, a {@code
 *     RemoteReference}, a local object sent back, a {@code RemoteCache})</td></tr>
 * </table>
 *
 * <p>{@code None} converts to null for reference types and is refused for primitives.
 * Thread-safe.
 */
public final class Conversions {
  /** Converts one value; throws {@link PbArgumentException} naming the expected type. */
  @FunctionalInterface
  public interface Converter {
    /** Returns {@code value} as the declared type. */
    Object convert(Object value);
  }

  private static final ClassValue<Converter> CONVERTERS = new ClassValue<>() {
    @Override
    protected Converter computeValue(Class<?> type) {
      return create(type);
    }
  };

  private Conversions() {}

  /** The converter to {@code type} (cached per type). */
  public static Converter to(Class<?> type) {
    return CONVERTERS.get(type);
  }

  /**
   * Converts {@code value} to {@code type} (a primitive type gives its box).
   *
   * @throws PbArgumentException if it does not convert
   */
  @SuppressWarnings("unchecked")
  public static <T> T convert(Class<T> type, Object value) {
    return (T) to(type).convert(value);
  }

  private static Converter create(Class<?> t) {
    if (t == Object.class) {
      return v -> v;
    }
    if (t == long.class || t == Long.class) {
      return integer(t, Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
    }
    if (t == int.class || t == Integer.class) {
      return integer(t, Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
    }
    if (t == short.class || t == Short.class) {
      return integer(t, Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v);
    }
    if (t == byte.class || t == Byte.class) {
      return integer(t, Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v);
    }
    if (t == BigInteger.class) {
      return v -> {
        if (v instanceof BigInteger || v == null) {
          return v;
        }
        if (v instanceof Long l) {
          return BigInteger.valueOf(l);
        }
        throw mismatch(t, v);
      };
    }
    if (t == double.class || t == Double.class) {
      boolean primitive = t.isPrimitive();
      return v -> {
        if (v instanceof Double) {
          return v;
        }
        if (v instanceof Long l) {
          return (double) l;
        }
        if (v instanceof BigInteger b) {
          return b.doubleValue();
        }
        if (v == null && !primitive) {
          return null;
        }
        throw mismatch(t, v);
      };
    }
    if (t == float.class || t == Float.class) {
      boolean primitive = t.isPrimitive();
      return v -> {
        if (v instanceof Double d) {
          return d.floatValue();
        }
        if (v instanceof Long l) {
          return (float) l;
        }
        if (v == null && !primitive) {
          return null;
        }
        throw mismatch(t, v);
      };
    }
    if (t == boolean.class || t == Boolean.class) {
      boolean primitive = t.isPrimitive();
      return v -> {
        if (v instanceof Boolean || (v == null && !primitive)) {
          return v;
        }
        throw mismatch(t, v);
      };
    }
    if (t == byte[].class) {
      return v -> {
        if (v instanceof ByteString b) {
          return b.toByteArray();
        }
        if (v == null) {
          return null;
        }
        throw mismatch(t, v);
      };
    }
    if (t == List.class) {
      return v -> {
        if (v instanceof List || v == null) {
          return v;
        }
        if (v instanceof Tuple tu) {
          return tu.asList();
        }
        throw mismatch(t, v);
      };
    }
    if (t == Collection.class || t == Iterable.class) {
      return v -> {
        if (v instanceof Collection || v == null) {
          return v;
        }
        if (v instanceof Tuple tu) {
          return tu.asList();
        }
        throw mismatch(t, v);
      };
    }
    if (t == Tuple.class) {
      return v -> {
        if (v instanceof Tuple || v == null) {
          return v;
        }
        if (v instanceof List<?> l) {
          return Tuple.copyOf(l);
        }
        throw mismatch(t, v);
      };
    }
    if (t.isPrimitive()) {
      // char: nothing in Jelly converts to it.
      return v -> {
        throw mismatch(t, v);
      };
    }
    return v -> {
      if (v == null || t.isInstance(v)) {
        return v;
      }
      throw mismatch(t, v);
    };
  }

  private interface Narrow {
    Object apply(long v);
  }

  private static Converter integer(Class<?> t, long min, long max, Narrow narrow) {
    boolean primitive = t.isPrimitive();
    return v -> {
      if (v instanceof Long l) {
        long x = l;
        if (x < min || x > max) {
          throw new PbArgumentException("value " + x + " out of range for " + t.getSimpleName()
              + " (expected: " + min + ".." + max + ")");
        }
        return narrow.apply(x);
      }
      if (v instanceof BigInteger b) {
        throw new PbArgumentException("value " + b + " out of range for " + t.getSimpleName()
            + " (expected: " + min + ".." + max + ")");
      }
      if (v == null && !primitive) {
        return null;
      }
      throw mismatch(t, v);
    };
  }

  static PbArgumentException mismatch(Class<?> t, Object v) {
    return new PbArgumentException("expected " + javaName(t) + ", got " + describe(v));
  }

  private static String javaName(Class<?> t) {
    return t.isArray() ? t.getComponentType().getSimpleName() + "[]" : t.getSimpleName();
  }

  /** A short Python-flavored description of a received value, for messages (bounded). */
  static String describe(Object v) {
    return ValueText.describe(v);
  }
}
