package dev.spindle.codegen.pb;

import java.math.BigInteger;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a {@code @Default} text as pb-jelly's {@code DefaultValues} will at run time, so that a
 * text that does not fit its parameter is a compile error, not a class refused on first use.
 */
final class DefaultTexts {
  private static final String NONE = "\u0000None";
  private static final Set<String> INTEGERS = Set.of("long", "int", "short", "byte",
      "java.lang.Long", "java.lang.Integer", "java.lang.Short", "java.lang.Byte",
      "java.math.BigInteger");
  private static final Set<String> FLOATS = Set.of("double", "float", "java.lang.Double",
      "java.lang.Float");
  private static final String INTEGER = "[+-]?[0-9]{1,4300}";
  private static final String NUMBER =
      "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?|[+-]?(inf|nan)";

  private DefaultTexts() {}

  /** What is wrong with {@code text} as a default of type {@code t}, or null if it fits. */
  static String problem(TypeMirror t, String text, Function<TypeMirror, String> rawName,
      Map<String, long[]> ranges) {
    String type = rawName.apply(t);
    if (NONE.equals(text)) {
      return t.getKind().isPrimitive() ? "@Default without a value is None, which a " + t
          + " cannot hold: give a value, for example @Default(\"0\")" : null;
    }
    if (type.equals("java.lang.String")
        || (t.getKind() == TypeKind.ARRAY && ((ArrayType) t).getComponentType().getKind() == TypeKind.BYTE)
        || type.equals("dev.spindle.pb.jelly.ByteString")) {
      return null;
    }
    if (type.equals("boolean") || type.equals("java.lang.Boolean")) {
      return switch (text) {
        case "True", "true", "False", "false" -> null;
        default -> "@Default(\"" + text + "\") is not a boolean: write True or False";
      };
    }
    if (INTEGERS.contains(type)) {
      if (!text.matches(INTEGER)) {
        return "@Default(\"" + text + "\") is not a decimal integer: write one, for example"
            + " @Default(\"0\")";
      }
      BigInteger v = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
      long[] range = ranges.get(type.startsWith("java.lang.") ? unbox(type) : type);
      if (type.equals("long") || type.equals("java.lang.Long")) {
        range = new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
      }
      if (range != null && (v.compareTo(BigInteger.valueOf(range[0])) < 0
          || v.compareTo(BigInteger.valueOf(range[1])) > 0)) {
        return "@Default(\"" + text + "\") is out of range for " + t + ": write a value in "
            + range[0] + ".." + range[1];
      }
      return null;
    }
    if (FLOATS.contains(type)) {
      return text.matches(INTEGER) || text.matches(NUMBER) ? null
          : "@Default(\"" + text + "\") is not a number: write one, for example @Default(\"0.5\")";
    }
    if (type.equals("java.lang.Object") || type.equals("dev.spindle.pb.jelly.Tuple")) {
      boolean literal = switch (text) {
        case "None", "True", "False", "()" -> true;
        default -> text.matches(INTEGER) || text.matches(NUMBER) || quoted(text);
      };
      return literal ? null : "@Default(\"" + text + "\") is not a Python literal: write None,"
          + " True, False, an integer, a float, 'text' or ()";
    }
    return "@Default(\"" + text + "\") cannot be read as a " + t + ": only None is offered for"
        + " this type; write @Default and make the value in the method";
  }

  private static String unbox(String box) {
    return switch (box) {
      case "java.lang.Integer" -> "int";
      case "java.lang.Short" -> "short";
      case "java.lang.Byte" -> "byte";
      default -> box;
    };
  }

  private static boolean quoted(String text) {
    if (text.length() < 2) {
      return false;
    }
    char q = text.charAt(0);
    if ((q != '\'' && q != '"') || text.charAt(text.length() - 1) != q) {
      return false;
    }
    String body = text.substring(1, text.length() - 1);
    return body.indexOf('\\') < 0 && body.indexOf(q) < 0;
  }
}
