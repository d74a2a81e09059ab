package dev.spindle.amp.exceptions;

/**
 * The connection has switched, or is switching, to another protocol: no AMP traffic is allowed on
 * it any more. Twisted equivalent: {@code ProtocolSwitched}.
 */
public final class ProtocolSwitchedException extends AmpConnectionLostException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message says why no AMP traffic is allowed
   */
  public ProtocolSwitchedException(String message) {
    super(message, null);
  }
}
