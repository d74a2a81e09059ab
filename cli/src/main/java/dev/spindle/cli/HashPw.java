package dev.spindle.cli;

import dev.spindle.cred.checkers.PasswordFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code spindle hashpw}: writes one user's bcrypt entry in a password file for the cred module's
 * {@code FilePasswordDatabase} ({@link PasswordFile} does the work).
 */
final class HashPw {
  static final String USAGE = "usage: spindle hashpw FILE USER [--cost N]";

  static final String HELP = USAGE + "\n"
      + "\n"
      + "Writes USER's entry (USER:$2y$...) in the bcrypt password file FILE, which\n"
      + "dev.spindle.cred.checkers.FilePasswordDatabase reads: replaces the user's line where it is,\n"
      + "or appends one; other lines are kept. A new file is readable by its owner only.\n"
      + "The password is typed twice on the terminal, or read from the first line of standard\n"
      + "input; never from the command line.\n"
      + "\n"
      + "Options:\n"
      + "  --cost N   bcrypt cost, 2^N rounds, from " + PasswordFile.MIN_COST + " to " + PasswordFile.MAX_COST
      + " (default " + PasswordFile.DEFAULT_COST + ")\n"
      + "\n"
      + "Exit status: 0 written, 1 refused (a username or password the format does not allow),\n"
      + "2 usage error, 3 the file cannot be read or written.\n"
      + "\n"
      + "Example:\n"
      + "  spindle hashpw users.passwd alice";

  private HashPw() {}

  static int run(List<String> args, Io io) {
    ArgParser.Parsed p = new ArgParser().option("cost").parse(args);
    if (p.has("help")) {
      io.out().println(HELP);
      return Exit.OK;
    }
    if (p.positional().size() != 2) {
      throw CliException.usage(p.positional().size() < 2 ? "missing FILE or USER" : "too many arguments");
    }
    int cost = PasswordFile.DEFAULT_COST;
    if (p.value("cost") != null) {
      try {
        cost = Integer.parseInt(p.value("cost"));
      } catch (NumberFormatException e) {
        cost = -1;
      }
      if (cost < PasswordFile.MIN_COST || cost > PasswordFile.MAX_COST) {
        throw CliException.usage("--cost: " + p.value("cost") + " (expected: a number from "
            + PasswordFile.MIN_COST + " to " + PasswordFile.MAX_COST + ")");
      }
    }
    Path file = Path.of(p.positional().get(0));
    String user = p.positional().get(1);
    PasswordFile target = PasswordFile.at(file).withCost(cost);
    byte[] password = Passwords.newPassword(io, user);
    try {
      if (password.length == 0) {
        throw CliException.remote("password: empty (expected: at least one character)");
      }
      target.writeEntry(user, password);
    } catch (IllegalArgumentException e) {
      throw CliException.remote(e.getMessage());
    } catch (UncheckedIOException e) {
      throw CliException.failure(e.getMessage() + ": " + e.getCause().getMessage(), e);
    } finally {
      Arrays.fill(password, (byte) 0);
    }
    io.err().println("wrote the entry of " + user + " to " + file);
    return Exit.OK;
  }
}
