package dev.spindle.pb.exceptions;

/**
 * The root of Perspective Broker's exceptions. Unchecked.
 *
 * <p>Twisted equivalent: the exceptions of {@code twisted.spread.pb} ({@code ProtocolError},
 * {@code DeadReferenceError}, {@code PBConnectionLost}) and the {@code CopiedFailure} a remote
 * error arrives as.
 */
public class PbException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the detail message
   */
  public PbException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message the detail message
   * @param cause the underlying failure
   */
  public PbException(String message, Throwable cause) {
    super(message, cause);
  }
}
