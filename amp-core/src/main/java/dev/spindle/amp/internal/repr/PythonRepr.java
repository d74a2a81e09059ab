package dev.spindle.amp.internal.repr;

/**
 * Python's {@code repr()} of a byte string ({@code b'...'}), which Twisted puts into some error
 * descriptions on the wire, e.g. {@code Unhandled Command: b'Name'}.
 */
public final class PythonRepr {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private PythonRepr() {}

  /**
   * Returns {@code repr(bytes(b))} exactly as CPython 3 prints it.
   *
   * @param b the bytes to show; not null
   * @return the repr, such as {@code b'Name'} or {@code b"it's"}, with non-printable bytes escaped
   */
  public static String bytes(byte[] b) {
    boolean hasSingle = false;
    boolean hasDouble = false;
    for (byte x : b) {
      if (x == '\'') {
        hasSingle = true;
      } else if (x == '"') {
        hasDouble = true;
      }
    }
    char quote = hasSingle && !hasDouble ? '"' : '\'';
    StringBuilder sb = new StringBuilder(b.length + 3).append('b').append(quote);
    for (byte x : b) {
      int c = x & 0xff;
      if (c == quote || c == '\\') {
        sb.append('\\').append((char) c);
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < 0x20 || c >= 0x7f) {
        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        sb.append((char) c);
      }
    }
    return sb.append(quote).toString();
  }
}
