package dev.spindle.amp.exceptions;

/**
 * The peer answered with an error code the command does not declare, usually {@code UNKNOWN}: an
 * undeclared exception in its responder, after which a Twisted peer closes the connection. Twisted
 * equivalent: {@code UnknownRemoteError}.
 */
public final class UnknownRemoteException extends RemoteAmpException {
  private static final long serialVersionUID = 1L;

  // AmpKeys.UNKNOWN_ERROR_CODE; spelled out so that this leaf package imports nothing.
  private static final String UNKNOWN_ERROR_CODE = "UNKNOWN";

  /**
   * Creates the exception for {@code errorCode} and its description.
   *
   * @param errorCode the undeclared error code; {@code UNKNOWN} makes the exception fatal
   * @param description the peer's description of the error
   */
  public UnknownRemoteException(String errorCode, String description) {
    super(errorCode, description, UNKNOWN_ERROR_CODE.equals(errorCode));
  }
}
