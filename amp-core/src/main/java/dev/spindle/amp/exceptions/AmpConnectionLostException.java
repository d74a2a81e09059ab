package dev.spindle.amp.exceptions;

/**
 * The connection closed before the call was answered, or a call was made on a closed connection.
 * The cause, if any, is what made the connection close (for example a {@link TooLongException}).
 */
public class AmpConnectionLostException extends AmpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with an optional cause.
   *
   * @param message says why the connection is gone, or that it was closed already
   * @param cause what made the connection close, or null
   */
  public AmpConnectionLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
