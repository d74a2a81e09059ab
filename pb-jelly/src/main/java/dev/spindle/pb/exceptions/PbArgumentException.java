package dev.spindle.pb.exceptions;

/**
 * A value could not be converted to the declared Java type: an argument of a remote method (the
 * peer gets Twisted's {@code TypeError}), or the result of a typed {@code callRemote}.
 */
public class PbArgumentException extends PbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what could not be converted, and to what type
   */
  public PbArgumentException(String message) {
    super(message);
  }
}
