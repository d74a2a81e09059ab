package dev.spindle.pb.exceptions;

/**
 * The connection closed before the call was answered: every pending call fails with this. The
 * cause, when there is one, is why the connection closed (a {@link PbProtocolException}, an I/O
 * error). Twisted equivalent: {@code pb.PBConnectionLost}.
 */
public class PbConnectionLostException extends PbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the detail message
   * @param cause why the connection closed, or {@code null} if it closed cleanly
   */
  public PbConnectionLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
