package dev.spindle.examples.amp;

/** The username is taken: {@code username-unavailable} on the wire. */
public final class UsernameUnavailable extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the peer's description (or ours). */
  public UsernameUnavailable(String message) {
    super(message);
  }
}
