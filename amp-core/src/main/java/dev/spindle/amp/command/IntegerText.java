package dev.spindle.amp.command;

import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.internal.repr.PythonRepr;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Python's {@code int(bytes)} for AMP {@code Integer}.
 *
 * <p>The grammar, for ASCII input: optional ASCII whitespace (space, {@code \t \n \x0b \x0c \r}),
 * an optional {@code +} or {@code -}, one or more ASCII digits where a single {@code _} may stand
 * between two digits, optional ASCII whitespace. Leading zeros are allowed. Everything else
 * ({@code 0x10}, {@code 1.0}, the empty string, non-ASCII digits) is refused with Python's message.
 *
 * <p>CPython's limit of 4,300 digits ({@code sys.set_int_max_str_digits}, CPython 3.11 and later)
 * is an interpreter setting rather than part of AMP: {@link ArgumentTypes#BIG_INTEGER} applies it
 * both ways, {@link ArgumentTypes#bigInteger(int)} another. A value has at most 65,535 bytes.
 */
final class IntegerText {
  static final long NOT_SIMPLE = Long.MIN_VALUE;

  /** CPython puts at most this many bytes of the input into the error message. */
  private static final int MESSAGE_BYTES = 200;

  private IntegerText() {}

  /** Parses plain {@code -?[0-9]{1,18}} without allocation, or returns {@link #NOT_SIMPLE}. */
  static long parseSimpleLong(byte[] b) {
    int n = b.length;
    if (n == 0 || n > 19) {
      return NOT_SIMPLE;
    }
    int i = 0;
    boolean negative = b[0] == '-';
    if (negative) {
      i = 1;
      if (n == 1 || n > 19) {
        return NOT_SIMPLE;
      }
    } else if (n > 18) {
      return NOT_SIMPLE;
    }
    long v = 0;
    for (; i < n; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return NOT_SIMPLE;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /**
   * Returns {@code int(bytes)} as Python computes it.
   *
   * @throws AmpArgumentException with Python's message, e.g. {@code invalid literal for int() with
   *     base 10: b'0x10'}
   */
  static BigInteger parse(byte[] bytes) {
    BigInteger v = parseOrNull(bytes, 0, bytes.length);
    if (v == null) {
      throw invalid(bytes);
    }
    return v;
  }

  /** Returns {@code int(b[from:to])} as Python computes it for ASCII text, or null if invalid. */
  static BigInteger parseOrNull(byte[] b, int from, int to) {
    while (from < to && isSpace(b[from])) {
      from++;
    }
    while (to > from && isSpace(b[to - 1])) {
      to--;
    }
    if (from == to) {
      return null;
    }
    boolean negative = false;
    if (b[from] == '+' || b[from] == '-') {
      negative = b[from] == '-';
      from++;
    }
    if (from == to) {
      return null;
    }
    char[] digits = new char[to - from + 1];
    int n = 0;
    if (negative) {
      digits[n++] = '-';
    }
    int digitCount = 0;
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (isDigit(c)) {
        digits[n++] = (char) c;
        digitCount++;
      } else if (c == '_' && i > from && isDigit(b[i - 1]) && i + 1 < to && isDigit(b[i + 1])) {
        continue; // "1_000": a single underscore between two digits
      } else {
        return null;
      }
    }
    if (digitCount <= 18) {
      long v = 0;
      for (int i = negative ? 1 : 0; i < n; i++) {
        v = v * 10 + (digits[i] - '0');
      }
      return BigInteger.valueOf(negative ? -v : v);
    }
    return new BigInteger(new String(digits, 0, n));
  }

  /** Python's error for {@code int(bytes)}: the repr of at most 200 bytes, cut to 200 chars. */
  static AmpArgumentException invalid(byte[] bytes) {
    String repr = PythonRepr.bytes(
        bytes.length > MESSAGE_BYTES ? Arrays.copyOf(bytes, MESSAGE_BYTES) : bytes);
    if (repr.length() > MESSAGE_BYTES) {
      repr = repr.substring(0, MESSAGE_BYTES); // CPython formats with %.200R
    }
    return new AmpArgumentException("invalid literal for int() with base 10: " + repr);
  }

  /** Python's {@code Py_ISSPACE}: space, {@code \t \n \x0b \x0c \r}. */
  static boolean isSpace(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r');
  }

  static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }
}
