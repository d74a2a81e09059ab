package dev.spindle.pb.exceptions;

/**
 * A call was made on a reference that was released, or whose connection is gone; nothing was
 * sent. Twisted equivalent: {@code pb.DeadReferenceError} ("Calling Stale Broker").
 */
public class DeadReferenceException extends PbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message the detail message, naming the reference
   */
  public DeadReferenceException(String message) {
    super(message);
  }
}
