package dev.spindle.amp.exceptions;

/**
 * The peer broke the AMP protocol in a way that made this side close the connection: for example
 * an answer to a tag that is not outstanding (Twisted raises {@code KeyError} there and drops the
 * connection too).
 */
public final class AmpProtocolException extends AmpException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message says what the peer sent that broke the protocol
   */
  public AmpProtocolException(String message) {
    super(message);
  }
}
