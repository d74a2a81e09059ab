package dev.spindle.codegen.validation;

/** The byte rules of AMP names (commands, keys, error codes): ASCII, 1 to 255 bytes. */
final class Ascii {
  /** Longest name in bytes ({@code MAX_KEY_LENGTH = 0xff} in Twisted). */
  static final int MAX_LENGTH = 255;

  private Ascii() {}

  static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns what is wrong with {@code name} as an AMP name ("is empty", "is not ASCII", "is 256
   * bytes"), or null.
   */
  static String problem(String name) {
    if (name.isEmpty()) {
      return "is empty";
    }
    if (!isAscii(name)) {
      return "is not ASCII";
    }
    if (name.length() > MAX_LENGTH) {
      return "is " + name.length() + " bytes";
    }
    return null;
  }
}
