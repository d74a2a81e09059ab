package dev.spindle.amp.exceptions;

/**
 * The peer sent a box with none of {@code _answer}, {@code _error} or {@code _command}; the
 * connection was closed, as Twisted closes it. Twisted equivalent: {@code NoEmptyBoxes}.
 */
public final class NoEmptyBoxesException extends AmpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception for the offending box, described.
   *
   * @param box the offending box, as text
   */
  public NoEmptyBoxesException(String box) {
    super("box has none of _answer, _error, _command: " + box);
  }
}
