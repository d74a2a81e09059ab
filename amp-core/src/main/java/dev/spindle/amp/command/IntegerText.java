package dev.spindle.amp.command;

import dev.spindle.amp.AmpArgumentException;
import dev.spindle.amp.box.PythonRepr;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Python's {@code int(bytes)} for AMP {@code Integer}. */
final class IntegerText {
  static final long NOT_SIMPLE = Long.MIN_VALUE;

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

  static BigInteger parse(byte[] bytes) {
    // TODO(types): Python leniency (whitespace, '+', '_'); replaced by the full parser.
    try {
      return new BigInteger(new String(bytes, StandardCharsets.US_ASCII));
    } catch (NumberFormatException e) {
      throw new AmpArgumentException(
          "invalid literal for int() with base 10: " + PythonRepr.bytes(bytes));
    }
  }
}
