package dev.spindle.amp.exceptions;

/**
 * The connection closed before the call was answered, or a call was made on a closed connection.
 * The cause, if any, is what made the connection close (for example a {@link TooLongException}).
 */
public class AmpConnectionLostException extends AmpException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with an optional cause. */
  public AmpConnectionLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
