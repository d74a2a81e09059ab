package dev.spindle.cli;

import dev.spindle.amp.command.ArgumentTypes;
import dev.spindle.amp.internal.repr.PythonRepr;
import java.nio.charset.StandardCharsets;

/** Python's {@code repr()} of the scalar values: {@code str}, {@code bytes} and {@code float}. */
final class PyText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PyText() {}

  /** {@code repr(bytes(b))}: {@code b'h\xc3\xa9'}. */
  static String bytes(byte[] b) {
    return PythonRepr.bytes(b);
  }

  /** {@code repr(float)}: {@code 2.5}, {@code 1e+16}, {@code inf}, {@code nan}. */
  static String floating(double d) {
    return new String(ArgumentTypes.doubleToBytes(d), StandardCharsets.US_ASCII);
  }

  /**
   * {@code repr(str)} as CPython 3 writes it: single quotes unless the text holds a single quote
   * and no double quote; backslash escapes for the quote, backslash, tab, newline, return and
   * every character Python does not consider printable.
   */
  static String str(String s) {
    boolean hasSingle = s.indexOf('\'') >= 0;
    boolean hasDouble = s.indexOf('"') >= 0;
    char quote = hasSingle && !hasDouble ? '"' : '\'';
    StringBuilder sb = new StringBuilder(s.length() + 2).append(quote);
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == quote || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < 0x20 || c == 0x7f) {
        hex(sb, "\\x", c, 2);
      } else if (c < 0x7f || isPrintable(c)) {
        sb.appendCodePoint(c);
      } else if (c <= 0xff) {
        hex(sb, "\\x", c, 2);
      } else if (c <= 0xffff) {
        hex(sb, "\\u", c, 4);
      } else {
        hex(sb, "\\U", c, 8);
      }
    }
    return sb.append(quote).toString();
  }

  /** Python's {@code str.isprintable()} for one character (space is printable). */
  private static boolean isPrintable(int c) {
    switch (Character.getType(c)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
        return false;
      case Character.SPACE_SEPARATOR:
        return c == ' ';
      default:
        return true;
    }
  }

  private static void hex(StringBuilder sb, String prefix, int c, int digits) {
    sb.append(prefix);
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
      sb.append(HEX[(c >>> shift) & 0xf]);
    }
  }
}
