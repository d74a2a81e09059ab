package dev.spindle.cli;

/** The exit codes of {@code spindle}, for shell scripts. */
final class Exit {
  /** Success. */
  static final int OK = 0;
  /** The peer answered with an error: an AMP error box, a PB failure, a refused login. */
  static final int REMOTE_ERROR = 1;
  /** The command line is wrong: unknown option, missing argument, a value that does not parse. */
  static final int USAGE = 2;
  /**
   * The exchange itself failed: cannot connect, connection lost, timeout, bytes that are not the
   * protocol, a file that cannot be read or written.
   */
  static final int FAILURE = 3;

  private Exit() {}
}
