package dev.spindle.pb.exceptions;

/**
 * A call was refused before anything was sent: this side already waits for {@code
 * maxOutstandingCalls} answers on the connection. (A peer over this side's {@code
 * maxPeerOutstandingCalls} gets a {@code pb.Error} answer instead.) Twisted has no equivalent.
 */
public final class PbTooManyCallsException extends PbException {
  private static final long serialVersionUID = 1L;

  private final int limit;

  /** Creates the exception for {@code limit} outstanding calls. */
  public PbTooManyCallsException(String message, int limit) {
    super(message);
    this.limit = limit;
  }

  /** The limit that was reached. */
  public int limit() {
    return limit;
  }
}
