package dev.spindle.amp.exceptions;

/**
 * A value could not be converted to or from its AMP wire form: an unparsable or missing argument
 * on receipt, or a value the argument type cannot send (for example a NaN into a {@code
 * BigDecimal} field). On the responder side it becomes {@code UNKNOWN} and the connection closes,
 * as in Twisted; on the caller side the call fails with it and nothing is sent.
 */
public final class AmpArgumentException extends AmpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; the message names the field, the value and the rule.
   *
   * @param message names the field, the value and the rule broken
   */
  public AmpArgumentException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message names the field, the value and the rule broken
   * @param cause the parser's or converter's exception
   */
  public AmpArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
