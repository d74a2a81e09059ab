package dev.spindle.cli;

import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.FrozenSet;
import dev.spindle.pb.jelly.Tuple;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one PB argument written as a JSON-like (or Python-like) literal into the Java value Jelly
 * sends as the matching Python value.
 *
 * <pre>
 * 42  -7  123456789012345678901234567890     int (Long, or BigInteger when larger)
 * 2.5  1e-3  inf  -inf  nan                   float (Double)
 * "text"  'text'                              str (String); escapes \n \t \\ \" \' \xNN &#92;uNNNN \UNNNNNNNN
 * b"bytes"  b'\x00\xff'                       bytes (ByteString); ASCII characters and \xNN escapes
 * true false null  (True False None)          bool, None
 * [1, 2]                                      list
 * (1, 2)  (1,)  ()                            tuple
 * {"a": 1}  {}                                dict, keys in the given order
 * {1, 2}  set{1, 2}  set{}                    set
 * frozenset{1, 2}                             frozenset
 * Decimal("1.10")                             decimal.Decimal (finite)
 * </pre>
 *
 * <p>Dictionary keys and set elements must be hashable, as in Python: no lists, dicts or sets.
 */
final class PbLiteral {
  private final String text;
  private int pos;

  private PbLiteral(String text) {
    this.text = text;
  }

  /**
   * Parses {@code text}, which must hold exactly one literal (blanks around it are fine).
   *
   * @throws CliException (usage) naming the position and what was expected
   */
  static Object parse(String text) {
    PbLiteral p = new PbLiteral(text);
    p.skipBlanks();
    Object v = p.value();
    p.skipBlanks();
    if (p.pos != text.length()) {
      throw p.error("unexpected " + p.describeHere() + " after the value");
    }
    return v;
  }

  private Object value() {
    if (pos >= text.length()) {
      throw error("missing value");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '"':
      case '\'':
        return string();
      case '[':
        pos++;
        return new ArrayList<>(items(']'));
      case '(':
        return tuple();
      case '{':
        return braces();
      default:
        break;
    }
    if (c == 'b' && pos + 1 < text.length() && (text.charAt(pos + 1) == '"' || text.charAt(pos + 1) == '\'')) {
      pos++;
      return bytes();
    }
    if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
      return number();
    }
    if (Character.isLetter(c) || c == '_') {
      return word();
    }
    throw error("unexpected " + describeHere());
  }

  private Object word() {
    int start = pos;
    while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
      pos++;
    }
    String w = text.substring(start, pos);
    switch (w) {
      case "true":
      case "True":
        return Boolean.TRUE;
      case "false":
      case "False":
        return Boolean.FALSE;
      case "null":
      case "None":
        return null;
      case "inf":
      case "infinity":
        return Double.POSITIVE_INFINITY;
      case "nan":
        return Double.NaN;
      case "set":
      case "frozenset":
        return namedSet(w, start);
      case "Decimal":
        return decimal(start);
      default:
        pos = start;
        throw error("unknown word " + w
            + " (expected: a number, \"text\", b\"bytes\", true, false, null, [...], (...), {...};"
            + " quote text: '\"" + w + "\"')");
    }
  }

  private Object namedSet(String name, int start) {
    skipBlanks();
    List<Object> items;
    if (peek('{')) {
      pos++;
      items = items('}');
    } else if (peek('(')) {
      pos++;
      skipBlanks();
      if (!peek(')')) {
        pos = start;
        throw error(name + "(...) takes nothing (expected: " + name + "{...} or " + name + "())");
      }
      pos++;
      items = List.of();
    } else {
      throw error("expected { after " + name);
    }
    checkHashable(items, start);
    Set<Object> set = new LinkedHashSet<>(items);
    return name.equals("set") ? set : FrozenSet.copyOf(set);
  }

  private Object decimal(int start) {
    skipBlanks();
    expect('(');
    skipBlanks();
    if (pos >= text.length() || (text.charAt(pos) != '"' && text.charAt(pos) != '\'')) {
      throw error("expected a quoted number in Decimal(...)");
    }
    int at = pos;
    String digits = string();
    skipBlanks();
    expect(')');
    try {
      return new BigDecimal(digits.strip());
    } catch (NumberFormatException e) {
      pos = at;
      throw error("Decimal: " + digits + " (expected: a finite decimal number such as \"1.10\")");
    }
  }

  private Object tuple() {
    pos++; // (
    skipBlanks();
    if (peek(')')) {
      pos++;
      return Tuple.of();
    }
    Object first = value();
    skipBlanks();
    if (peek(')')) {
      pos++;
      return first; // (x) is x, as in Python
    }
    expect(',');
    List<Object> rest = items(')');
    List<Object> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return Tuple.copyOf(all);
  }

  private Object braces() {
    int start = pos;
    pos++; // {
    skipBlanks();
    if (peek('}')) {
      pos++;
      return new LinkedHashMap<>();
    }
    int keyAt = pos;
    Object first = value();
    skipBlanks();
    if (!peek(':')) {
      // A set literal: {1, 2}.
      List<Object> items = new ArrayList<>();
      items.add(first);
      if (peek(',')) {
        pos++;
        items.addAll(items('}'));
      } else {
        expect('}');
      }
      checkHashable(items, start);
      return new LinkedHashSet<>(items);
    }
    Map<Object, Object> map = new LinkedHashMap<>();
    Object key = first;
    while (true) {
      checkHashable(List.of(wrap(key)), keyAt);
      expect(':');
      skipBlanks();
      map.put(key, value());
      skipBlanks();
      if (peek('}')) {
        pos++;
        return map;
      }
      expect(',');
      skipBlanks();
      if (peek('}')) {
        pos++;
        return map;
      }
      keyAt = pos;
      key = value();
      skipBlanks();
    }
  }

  /** A stand-in so that a null key can go through {@link List#of}. */
  private static Object wrap(Object o) {
    return o == null ? Boolean.FALSE : o;
  }

  /** Comma-separated values up to {@code close}, a trailing comma allowed; consumes the close. */
  private List<Object> items(char close) {
    List<Object> out = new ArrayList<>();
    skipBlanks();
    if (peek(close)) {
      pos++;
      return out;
    }
    while (true) {
      skipBlanks();
      out.add(value());
      skipBlanks();
      if (peek(close)) {
        pos++;
        return out;
      }
      expect(',');
      skipBlanks();
      if (peek(close)) {
        pos++;
        return out;
      }
    }
  }

  private void checkHashable(Collection<?> items, int at) {
    for (Object o : items) {
      if (!hashable(o)) {
        pos = at;
        throw error("unhashable " + (o instanceof List ? "list" : o instanceof Map ? "dict" : "set")
            + " as a dictionary key or set element (expected: numbers, text, bytes, tuples, frozensets)");
      }
    }
  }

  private static boolean hashable(Object o) {
    if (o instanceof Tuple t) {
      for (Object x : t) {
        if (!hashable(x)) {
          return false;
        }
      }
      return true;
    }
    if (o instanceof FrozenSet) {
      return true;
    }
    return !(o instanceof List || o instanceof Map || o instanceof Set);
  }

  private Object number() {
    int start = pos;
    if (peek('-') || peek('+')) {
      pos++;
    }
    if (pos < text.length() && Character.isLetter(text.charAt(pos))) {
      int wordStart = pos;
      while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
        pos++;
      }
      String w = text.substring(wordStart, pos);
      if (w.equals("inf") || w.equals("infinity") || w.equals("nan")) {
        double d = w.equals("nan") ? Double.NaN : Double.POSITIVE_INFINITY;
        return text.charAt(start) == '-' ? -d : d;
      }
      pos = start;
      throw error("not a number: " + text.substring(start, wordStart) + w);
    }
    boolean isFloat = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (Character.isDigit(c) || c == '_') {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E') {
        isFloat = true;
        pos++;
        if ((c == 'e' || c == 'E') && (peek('-') || peek('+'))) {
          pos++;
        }
      } else {
        break;
      }
    }
    String n = text.substring(start, pos).replace("_", "");
    try {
      if (isFloat) {
        return Double.parseDouble(n); // 1.5, 1., .5, 1e-3, as Python
      }
      BigInteger big = new BigInteger(n);
      return big.bitLength() < 64 ? (Object) big.longValue() : big;
    } catch (NumberFormatException e) {
      pos = start;
      throw error("not a number: " + text.substring(start, Math.max(start + 1, n.length() + start)));
    }
  }

  private String string() {
    char quote = text.charAt(pos++);
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated string (missing " + quote + ")");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated string (missing " + quote + ")");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case '0' -> sb.append('\0');
        case '\\', '\'', '"', '/' -> sb.append(e);
        case 'x' -> sb.appendCodePoint(hexEscape(2));
        case 'u' -> sb.appendCodePoint(hexEscape(4));
        case 'U' -> sb.appendCodePoint(hexEscape(8));
        default -> {
          pos--;
          throw error("unknown escape \\" + e);
        }
      }
    }
  }

  private ByteString bytes() {
    char quote = text.charAt(pos++);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      if (pos >= text.length()) {
        throw error("unterminated bytes (missing " + quote + ")");
      }
      char c = text.charAt(pos++);
      if (c == quote) {
        return ByteString.of(out.toByteArray());
      }
      if (c > 0x7f) {
        pos--;
        throw error("bytes can only contain ASCII characters (expected: \\xNN escapes for others)");
      }
      if (c != '\\') {
        out.write(c);
        continue;
      }
      if (pos >= text.length()) {
        throw error("unterminated bytes (missing " + quote + ")");
      }
      char e = text.charAt(pos++);
      switch (e) {
        case 'n' -> out.write('\n');
        case 't' -> out.write('\t');
        case 'r' -> out.write('\r');
        case '0' -> out.write(0);
        case '\\', '\'', '"' -> out.write(e);
        case 'x' -> out.write(hexEscape(2));
        default -> {
          pos--;
          throw error("unknown escape \\" + e + " in bytes");
        }
      }
    }
  }

  private int hexEscape(int digits) {
    if (pos + digits > text.length()) {
      throw error("truncated escape (expected: " + digits + " hex digits)");
    }
    try {
      int v = Integer.parseUnsignedInt(text.substring(pos, pos + digits), 16);
      if (v > Character.MAX_CODE_POINT) {
        throw error("escape beyond U+10FFFF");
      }
      pos += digits;
      return v;
    } catch (NumberFormatException e) {
      throw error("bad escape (expected: " + digits + " hex digits)");
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("expected " + c + (pos < text.length() ? ", found " + describeHere() : ""));
    }
    pos++;
  }

  private void skipBlanks() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private String describeHere() {
    return pos >= text.length() ? "end" : "'" + text.charAt(pos) + "'";
  }

  private CliException error(String message) {
    return CliException.usage("argument " + text + ": at " + (pos + 1) + ": " + message);
  }
}
