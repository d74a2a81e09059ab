package dev.spindle.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Where passwords come from: never the command line (other users and shell histories see it), but
 * the {@code SPINDLE_PASSWORD} environment variable, the terminal (without echo), or the first line
 * of standard input.
 */
final class Passwords {
  /** The environment variable {@code pb call --login} reads. */
  static final String ENV = "SPINDLE_PASSWORD";

  private Passwords() {}

  /**
   * The password for logging in as {@code user}: {@code SPINDLE_PASSWORD} if set, else a prompt on
   * the terminal, else the first line of standard input. UTF-8; the caller clears the array.
   *
   * @throws CliException (usage) if there is none
   */
  static byte[] forLogin(Io io, String user) {
    String fromEnv = io.env().get(ENV);
    if (fromEnv != null) {
      return fromEnv.getBytes(StandardCharsets.UTF_8);
    }
    if (io.terminal() != null) {
      char[] chars = io.terminal().readPassword("Password for " + user + ": ");
      if (chars == null) {
        throw CliException.usage("no password given");
      }
      return utf8(chars);
    }
    byte[] line = firstLine(io.in());
    if (line == null) {
      throw CliException.usage("no password: set " + ENV + ", run on a terminal, or give it on standard input");
    }
    return line;
  }

  /**
   * A new password for a password file: typed twice on the terminal, or the first line of standard
   * input. UTF-8; the caller clears the array.
   *
   * @throws CliException (usage) if there is none, or the two entries differ
   */
  static byte[] newPassword(Io io, String user) {
    if (io.terminal() != null) {
      char[] first = io.terminal().readPassword("New password for " + user + ": ");
      if (first == null) {
        throw CliException.usage("no password given");
      }
      char[] second = io.terminal().readPassword("Again: ");
      try {
        if (!Arrays.equals(first, second)) {
          throw CliException.usage("passwords: the two entries differ (expected: the same password twice)");
        }
        return utf8(first);
      } finally {
        Arrays.fill(first, '\0');
        if (second != null) {
          Arrays.fill(second, '\0');
        }
      }
    }
    byte[] line = firstLine(io.in());
    if (line == null) {
      throw CliException.usage("no password: run on a terminal or give it on standard input");
    }
    return line;
  }

  /** The first line of {@code in} without its line end, or null at end of input. */
  static byte[] firstLine(InputStream in) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      int b;
      boolean any = false;
      while ((b = in.read()) != -1) {
        any = true;
        if (b == '\n') {
          break;
        }
        buf.write(b);
      }
      if (!any) {
        return null;
      }
    } catch (IOException e) {
      throw CliException.failure("cannot read standard input: " + e.getMessage(), e);
    }
    byte[] line = buf.toByteArray();
    if (line.length > 0 && line[line.length - 1] == '\r') {
      line = Arrays.copyOf(line, line.length - 1);
    }
    return line;
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] bytes = new byte[buf.remaining()];
    buf.get(bytes);
    if (buf.hasArray()) {
      Arrays.fill(buf.array(), (byte) 0);
    }
    Arrays.fill(chars, '\0');
    return bytes;
  }
}
