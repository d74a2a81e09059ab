package dev.spindle.codegen.writing;

/** Python's {@code repr()} of an ASCII byte string, as Twisted prints command names. */
final class PythonBytes {
  private PythonBytes() {}

  static String repr(String ascii) {
    char quote = ascii.indexOf('\'') >= 0 && ascii.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder sb = new StringBuilder("b").append(quote);
    for (char c : ascii.toCharArray()) {
      if (c == quote || c == '\\') {
        sb.append('\\').append(c);
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c < 0x20 || c >= 0x7f) {
        sb.append(String.format("\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append(quote).toString();
  }
}
