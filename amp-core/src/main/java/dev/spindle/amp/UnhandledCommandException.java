package dev.spindle.amp;

import dev.spindle.amp.box.AmpKeys;

/**
 * The peer has no responder for the command ({@code UNHANDLED}); the connection stays open.
 * Twisted equivalent: {@code UnhandledCommand}.
 */
public final class UnhandledCommandException extends RemoteAmpException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the peer's description, e.g. {@code Unhandled Command: b'X'}. */
  public UnhandledCommandException(String description) {
    super(AmpKeys.UNHANDLED_ERROR_CODE, description);
  }
}
