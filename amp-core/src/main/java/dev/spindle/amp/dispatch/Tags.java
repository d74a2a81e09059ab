package dev.spindle.amp.dispatch;

/** AMP request tags: a counter written in lower-case hex without leading zeros, as Twisted does. */
final class Tags {
  private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Tags() {}

  static byte[] format(long tag) {
    int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(tag) + 3) / 4);
    byte[] out = new byte[digits];
    for (int i = digits - 1; i >= 0; i--) {
      out[i] = HEX[(int) (tag & 0xf)];
      tag >>>= 4;
    }
    return out;
  }

  /** Parses a tag this side made; returns -1 for anything else. */
  static long parse(byte[] b) {
    if (b.length == 0 || b.length > 15 || (b.length > 1 && b[0] == '0')) {
      return -1;
    }
    long v = 0;
    for (byte c : b) {
      int d;
      if (c >= '0' && c <= '9') {
        d = c - '0';
      } else if (c >= 'a' && c <= 'f') {
        d = c - 'a' + 10;
      } else {
        return -1;
      }
      v = (v << 4) | d;
    }
    return v;
  }
}
