package dev.spindle.amp.exceptions;

/** Root of every exception Spindle's AMP raises. Twisted equivalent: {@code AmpError}. */
public class AmpException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message the detail message
   */
  public AmpException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message the detail message
   * @param cause the underlying exception, or null
   */
  public AmpException(String message, Throwable cause) {
    super(message, cause);
  }
}
