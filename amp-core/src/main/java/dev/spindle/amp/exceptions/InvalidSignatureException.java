package dev.spindle.amp.exceptions;

/**
 * A command was called without a required argument (a null in a required field); nothing was
 * sent. Twisted equivalent: {@code InvalidSignature} ({@code forgot b for b'Sum'}).
 */
public final class InvalidSignatureException extends AmpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message Twisted's wording, such as {@code forgot b for b'Sum'}
   */
  public InvalidSignatureException(String message) {
    super(message);
  }
}
