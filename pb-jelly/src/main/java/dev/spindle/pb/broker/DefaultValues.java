package dev.spindle.pb.broker;

import dev.spindle.pb.flavors.Default;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import java.math.BigInteger;

/**
 * Reads a {@link Default @Default} text as the value of a parameter of a given type, as that
 * annotation documents; the result is an unjellied-style value that the parameter's converter then
 * takes, exactly like an argument received from the peer.
 */
final class DefaultValues {
  private DefaultValues() {}

  /**
   * The value {@code text} stands for as a {@code type} parameter.
   *
   * @throws IllegalArgumentException if it does not read as one
   */
  static Object read(Class<?> type, String text) {
    if (Default.NONE.equals(text)) {
      if (type.isPrimitive()) {
        throw new IllegalArgumentException("@Default without a value is None, which a "
            + type.getName() + " cannot hold (expected: a value, for example @Default(\"0\"))");
      }
      return null;
    }
    if (type == String.class) {
      return text;
    }
    if (type == byte[].class || type == ByteString.class) {
      return ByteString.encodeUtf8(text);
    }
    if (type == boolean.class || type == Boolean.class) {
      switch (text) {
        case "True", "true":
          return Boolean.TRUE;
        case "False", "false":
          return Boolean.FALSE;
        default:
          throw new IllegalArgumentException("@Default(\"" + text + "\") (expected: True or False)");
      }
    }
    if (isInteger(type)) {
      Object v = integer(text);
      if (v == null) {
        throw new IllegalArgumentException("@Default(\"" + text + "\") (expected: a decimal integer)");
      }
      return v;
    }
    if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
      Object v = integer(text);
      if (v == null) {
        v = number(text);
      }
      if (v == null) {
        throw new IllegalArgumentException("@Default(\"" + text + "\") (expected: a number)");
      }
      return v;
    }
    if (type == Object.class || type == Tuple.class) {
      return literal(text);
    }
    throw new IllegalArgumentException("@Default(\"" + text + "\") for a " + type.getName()
        + " parameter (expected: @Default without a value, None, for this type)");
  }

  private static boolean isInteger(Class<?> t) {
    return t == long.class || t == Long.class || t == int.class || t == Integer.class
        || t == short.class || t == Short.class || t == byte.class || t == Byte.class
        || t == BigInteger.class;
  }

  /** A Python literal: None, True, False, an int, a float, a quoted string or the empty tuple. */
  private static Object literal(String text) {
    switch (text) {
      case "None":
        return null;
      case "True":
        return Boolean.TRUE;
      case "False":
        return Boolean.FALSE;
      case "()":
        return Tuple.of();
      default:
        break;
    }
    if (text.length() >= 2 && (text.charAt(0) == '\'' || text.charAt(0) == '"')
        && text.charAt(text.length() - 1) == text.charAt(0)) {
      String body = text.substring(1, text.length() - 1);
      if (body.indexOf('\\') < 0 && body.indexOf(text.charAt(0)) < 0) {
        return body;
      }
    }
    Object v = integer(text);
    if (v == null) {
      v = number(text);
    }
    if (v == null) {
      throw new IllegalArgumentException("@Default(\"" + text + "\") for an Object parameter"
          + " (expected: a Python literal: None, True, False, an integer, a float, 'text' or ())");
    }
    return v;
  }

  /** A decimal integer as a Long, or a BigInteger beyond long; null if it is not one. */
  private static Object integer(String text) {
    if (!text.matches("[+-]?[0-9]{1,4300}")) {
      return null;
    }
    BigInteger b = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
    return b.bitLength() < 64 ? (Object) b.longValue() : b;
  }

  private static Double number(String text) {
    if (!text.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(inf|nan)")) {
      return null;
    }
    return Double.valueOf(text.replace("inf", "Infinity").replace("nan", "NaN"));
  }
}
