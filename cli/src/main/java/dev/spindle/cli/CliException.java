package dev.spindle.cli;

/**
 * Ends a command with a message for standard error and an {@link Exit} code. Thrown by the
 * commands, caught by {@link Spindle#run}, which prints the message.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  private CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** A wrong command line ({@link Exit#USAGE}); the message says what and what was expected. */
  static CliException usage(String message) {
    return new CliException(Exit.USAGE, message, null);
  }

  /** The peer answered with an error ({@link Exit#REMOTE_ERROR}). */
  static CliException remote(String message) {
    return new CliException(Exit.REMOTE_ERROR, message, null);
  }

  /** The exchange failed ({@link Exit#FAILURE}). */
  static CliException failure(String message, Throwable cause) {
    return new CliException(Exit.FAILURE, message, cause);
  }

  /** The exit code. */
  int exitCode() {
    return exitCode;
  }
}
