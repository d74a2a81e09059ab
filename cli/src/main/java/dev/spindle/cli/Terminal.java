package dev.spindle.cli;

import java.io.Console;

/**
 * The interactive terminal, for password prompts without echo. Passwords never come from the
 * command line.
 */
@FunctionalInterface
interface Terminal {
  /** Prints {@code prompt} and reads a line without echo; null at end of input. */
  char[] readPassword(String prompt);

  /** The process's console, or null when standard input or output is not a terminal. */
  static Terminal system() {
    Console console = System.console();
    return console == null ? null : prompt -> console.readPassword("%s", prompt);
  }
}
