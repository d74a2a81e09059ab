package dev.spindle.pb.exceptions;

/**
 * A call was refused before anything was sent: this side already waits for {@code
 * maxOutstandingCalls} answers on the connection. (A peer over this side's {@code
 * maxPeerOutstandingCalls} gets a {@code pb.Error} answer instead.) Twisted has no equivalent.
 */
public final class PbTooManyCallsException extends PbException {
  private static final long serialVersionUID = 1L;

  /** The limit that was reached; see {@link #limit()}. */
  private final int limit;

  /**
   * Creates the exception for {@code limit} outstanding calls.
   *
   * @param message the detail message, naming the count of outstanding calls
   * @param limit the connection's {@code maxOutstandingCalls}
   */
  public PbTooManyCallsException(String message, int limit) {
    super(message);
    this.limit = limit;
  }

  /** {@return the limit that was reached: the connection's {@code maxOutstandingCalls}} */
  public int limit() {
    return limit;
  }
}
