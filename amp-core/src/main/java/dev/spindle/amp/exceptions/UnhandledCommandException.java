package dev.spindle.amp.exceptions;

/**
 * The peer has no responder for the command ({@code UNHANDLED}); the connection stays open.
 * Twisted equivalent: {@code UnhandledCommand}.
 */
public final class UnhandledCommandException extends RemoteAmpException {
  private static final long serialVersionUID = 1L;

  // AmpKeys.UNHANDLED_ERROR_CODE; spelled out so that this leaf package imports nothing.
  private static final String UNHANDLED_ERROR_CODE = "UNHANDLED";

  /**
   * Creates the exception with the peer's description, e.g. {@code Unhandled Command: b'X'}.
   *
   * @param description the peer's description of the error
   */
  public UnhandledCommandException(String description) {
    super(UNHANDLED_ERROR_CODE, description);
  }
}
