package dev.spindle.pb.exceptions;

/**
 * The peer broke the protocol: a non-list expression, a version other than 6, an unknown message
 * kind, a wrong number of fields, an answer or error for a request never made, a {@code decref},
 * {@code decache} or {@code uncache} for an unknown id, or bytes that are not Banana (the cause).
 * The connection was closed, as Twisted drops it; {@code PbConnection.closeFuture()} fails with
 * this exception and pending calls with a {@link PbConnectionLostException} caused by it. Where
 * Twisted raises for the same input, the message gives its exception, for example {@code Version
 * Incompatibility: 6 5}.
 *
 * <p>Twisted equivalent: {@code pb.ProtocolError} and the other exceptions that escape {@code
 * Broker.dataReceived}.
 */
public class PbProtocolException extends PbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what the peer did wrong, with Twisted's text where it raises for the same input
   */
  public PbProtocolException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong, with Twisted's text where it raises for the same input
   * @param cause the underlying failure, for example the Banana exception for bytes that are not
   *     Banana
   */
  public PbProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
