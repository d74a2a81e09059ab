package dev.spindle.amp.locator;

import java.util.Objects;

/**
 * A responder failed because of the box the peer sent (an argument that does not parse, one that
 * is missing), not because its own code threw: the dispatcher answers as for the {@linkplain
 * #getCause() cause} ({@code UNKNOWN} and close, as Twisted does for a bad argument), but logs it
 * at DEBUG as the peer's fault, with a rate-limited summary, rather than as a responder's crash.
 *
 * <p>Generated responders ({@code Responders}) fail with it when parsing fails; hand-written
 * {@link BoxResponder}s may do the same. Has no stack trace of its own: the cause has it.
 */
public final class PeerInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Wraps {@code cause}, the parsing failure.
   *
   * @param cause the parsing failure, whose {@code toString()} becomes the message; not null
   */
  public PeerInputException(Throwable cause) {
    super(Objects.requireNonNull(cause, "cause").toString(), cause, false, false);
  }
}
