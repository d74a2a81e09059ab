package dev.spindle.amp.command;

import dev.spindle.amp.internal.repr.PythonRepr;

/**
 * The message CPython's strict UTF-8 decoder gives a {@code UnicodeDecodeError}, so that AMP's
 * {@code Unicode} argument fails with Twisted's words. Stateless.
 */
final class Utf8Errors {
  private Utf8Errors() {}

  /**
   * Returns the message of the {@code UnicodeDecodeError} that CPython's strict UTF-8 decoder
   * raises for {@code b} (its first error), following {@code Objects/stringlib/codecs.h}.
   */
  static String message(byte[] b) {
    int n = b.length;
    int i = 0;
    while (i < n) {
      int c = b[i] & 0xff;
      int left = n - i;
      if (c < 0x80) {
        i++;
      } else if (c < 0xc2) {
        return message(b, i, i + 1, "invalid start byte");
      } else if (c < 0xe0) {
        if (left < 2) {
          return message(b, i, n, "unexpected end of data");
        }
        if (!isContinuation(b[i + 1])) {
          return message(b, i, i + 1, "invalid continuation byte");
        }
        i += 2;
      } else if (c < 0xf0) {
        // E0 must be followed by A0..BF (no overlongs), ED by 80..9F (no surrogates).
        int c2 = left < 2 ? -1 : b[i + 1] & 0xff;
        if (left >= 2
            && (!isContinuation(b[i + 1]) || (c2 < 0xa0 ? c == 0xe0 : c == 0xed))) {
          return message(b, i, i + 1, "invalid continuation byte");
        }
        if (left < 3) {
          return message(b, i, n, "unexpected end of data");
        }
        if (!isContinuation(b[i + 2])) {
          return message(b, i, i + 2, "invalid continuation byte");
        }
        i += 3;
      } else if (c < 0xf5) {
        // F0 must be followed by 90..BF (no overlongs), F4 by 80..8F (at most U+10FFFF).
        int c2 = left < 2 ? -1 : b[i + 1] & 0xff;
        if (left >= 2
            && (!isContinuation(b[i + 1]) || (c2 < 0x90 ? c == 0xf0 : c == 0xf4))) {
          return message(b, i, i + 1, "invalid continuation byte");
        }
        if (left >= 3 && !isContinuation(b[i + 2])) {
          return message(b, i, i + 2, "invalid continuation byte");
        }
        if (left < 4) {
          return message(b, i, n, "unexpected end of data");
        }
        if (!isContinuation(b[i + 3])) {
          return message(b, i, i + 3, "invalid continuation byte");
        }
        i += 4;
      } else {
        return message(b, i, i + 1, "invalid start byte");
      }
    }
    return "Unicode: " + PythonRepr.bytes(b) + " (expected: valid UTF-8)";
  }

  private static String message(byte[] b, int start, int end, String reason) {
    if (end - start == 1) {
      return String.format(
          "'utf-8' codec can't decode byte 0x%02x in position %d: %s", b[start] & 0xff, start,
          reason);
    }
    return String.format(
        "'utf-8' codec can't decode bytes in position %d-%d: %s", start, end - 1, reason);
  }

  private static boolean isContinuation(byte b) {
    return (b & 0xc0) == 0x80;
  }
}
