package dev.spindle.pb.jelly;

import java.math.BigInteger;

/** Python's text conventions that Jelly relies on: {@code repr(bytes)}, {@code int(bytes)}. */
final class PythonText {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonText() {}

  /** CPython's {@code bytes.__repr__}. */
  static String bytesRepr(byte[] bytes) {
    boolean single = false;
    boolean dbl = false;
    for (byte b : bytes) {
      single |= b == '\'';
      dbl |= b == '"';
    }
    char quote = single && !dbl ? '"' : '\'';
    StringBuilder sb = new StringBuilder(bytes.length + 3).append('b').append(quote);
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == quote || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < ' ' || c >= 0x7f) {
        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        sb.append((char) c);
      }
    }
    return sb.append(quote).toString();
  }

  /**
   * Splits on ASCII whitespace and parses each field as Python's {@code int(bytes)} does (an
   * optional sign, ASCII digits, single underscores between digits), as Twisted's date and time
   * unjellying does with {@code map(int, exp[0].split())}.
   *
   * @return the integers, or {@code null} if a field is not an integer
   */
  static BigInteger[] splitInts(byte[] text) {
    java.util.ArrayList<BigInteger> out = new java.util.ArrayList<>(8);
    int i = 0;
    int n = text.length;
    while (true) {
      while (i < n && isSpace(text[i])) {
        i++;
      }
      if (i == n) {
        break;
      }
      int start = i;
      while (i < n && !isSpace(text[i])) {
        i++;
      }
      BigInteger v = parseInt(text, start, i);
      if (v == null) {
        return null;
      }
      out.add(v);
    }
    return out.toArray(new BigInteger[0]);
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c;
  }

  private static BigInteger parseInt(byte[] t, int from, int to) {
    int i = from;
    boolean negative = false;
    if (t[i] == '+' || t[i] == '-') {
      negative = t[i] == '-';
      i++;
    }
    StringBuilder digits = new StringBuilder(to - i);
    boolean lastDigit = false;
    for (; i < to; i++) {
      byte b = t[i];
      if (b >= '0' && b <= '9') {
        digits.append((char) b);
        lastDigit = true;
      } else if (b == '_' && lastDigit) {
        lastDigit = false;
      } else {
        return null;
      }
    }
    if (!lastDigit) {
      return null;
    }
    BigInteger v = new BigInteger(digits.toString());
    return negative ? v.negate() : v;
  }

  /** Renders a head for messages: its text if printable ASCII, else Python's bytes repr. */
  static String head(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0x20 || b >= 0x7f) {
        return bytesRepr(bytes);
      }
    }
    return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
  }
}
