package dev.spindle.cred.checkers;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Command-line tool that writes one user's entry in a {@link PasswordFile}:
 *
 * <pre>
 * java -cp spindle-cred.jar:bcprov-jdk18on.jar dev.spindle.cred.checkers.HashPasswordTool \
 *     [--cost N] PASSWORD_FILE USERNAME
 * </pre>
 *
 * <p>The password is never taken from the command line, where other users and shell histories
 * could see it: it is read from the console without echo (twice, to confirm), or, when there is no
 * console (a pipe), from the first line of standard input, UTF-8. The user's line is replaced in
 * place or appended; the file is created, readable by its owner only, if missing. Exit status 0 on
 * success, 1 on error, 2 on a usage error.
 */
public final class HashPasswordTool {
  static final String USAGE = "usage: HashPasswordTool [--cost N] PASSWORD_FILE USERNAME";

  private HashPasswordTool() {}

  /** Runs the tool and exits with its status. */
  public static void main(String[] args) {
    Console console = System.console();
    PasswordSource source = console != null ? consoleSource(console) : stdinSource();
    int status = run(args, source, System.out, System.err);
    System.exit(status);
  }

  /** Where the password comes from; returns null if there is none. */
  @FunctionalInterface
  interface PasswordSource {
    char[] read() throws IOException;
  }

  /** Runs the tool; returns the exit status. */
  static int run(String[] args, PasswordSource source, PrintStream out, PrintStream err) {
    int cost = PasswordFile.DEFAULT_COST;
    int i = 0;
    if (args.length > 0 && args[0].equals("--cost")) {
      if (args.length < 2) {
        err.println(USAGE);
        return 2;
      }
      try {
        cost = Integer.parseInt(args[1]);
      } catch (NumberFormatException e) {
        err.println("cost: " + args[1] + " (expected: a number from 4 to 31)");
        return 2;
      }
      i = 2;
    }
    if (args.length - i != 2) {
      err.println(USAGE);
      return 2;
    }
    Path file = Path.of(args[i]);
    String username = args[i + 1];
    char[] chars = null;
    byte[] password = null;
    try {
      PasswordFile target = PasswordFile.at(file).withCost(cost);
      PasswordFile.checkUsername(username);
      chars = source.read();
      if (chars == null || chars.length == 0) {
        err.println("password: empty (expected: at least one character)");
        return 1;
      }
      password = utf8(chars);
      target.writeEntry(username, password);
      out.println("wrote the entry of " + username + " to " + file);
      return 0;
    } catch (IllegalArgumentException | PasswordMismatch e) {
      err.println(e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("cannot read the password: " + e.getMessage());
      return 1;
    } catch (UncheckedIOException e) {
      err.println(e.getMessage() + ": " + e.getCause().getMessage());
      return 1;
    } finally {
      if (chars != null) {
        Arrays.fill(chars, '\0');
      }
      if (password != null) {
        Arrays.fill(password, (byte) 0);
      }
    }
  }

  private static byte[] utf8(char[] chars) {
    ByteBuffer buf = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
    byte[] bytes = new byte[buf.remaining()];
    buf.get(bytes);
    if (buf.hasArray()) {
      Arrays.fill(buf.array(), (byte) 0);
    }
    return bytes;
  }

  private static PasswordSource consoleSource(Console console) {
    return () -> {
      char[] first = console.readPassword("Password: ");
      if (first == null) {
        return null;
      }
      char[] second = console.readPassword("Again: ");
      boolean same = Arrays.equals(first, second);
      if (second != null) {
        Arrays.fill(second, '\0');
      }
      if (!same) {
        Arrays.fill(first, '\0');
        throw new PasswordMismatch();
      }
      return first;
    };
  }

  private static PasswordSource stdinSource() {
    return () -> {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      return line == null ? null : line.toCharArray();
    };
  }

  /** The two console entries differ. */
  private static final class PasswordMismatch extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PasswordMismatch() {
      super("passwords: the two entries differ (expected: the same password twice)");
    }
  }
}
