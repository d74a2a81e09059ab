package dev.spindle.amp.exceptions;

/**
 * A call was refused because too many are outstanding: locally, this side already waits for
 * {@code maxOutstandingCalls} answers on the connection (nothing was sent); or, as a {@link
 * RemoteAmpException} with code {@value #ERROR_CODE}, the peer owed this side too many answers.
 * Twisted has no equivalent; a Twisted caller of a Spindle peer over its limit gets an {@code
 * UnknownRemoteError} and its connection stays open.
 */
public final class AmpTooManyCallsException extends AmpException {
  private static final long serialVersionUID = 1L;

  /** The error code sent to a peer whose command was refused for having too many outstanding. */
  public static final String ERROR_CODE = "TOO_MANY_CALLS";

  /** The limit of outstanding calls that was reached. */
  private final int limit;

  /**
   * Creates the exception for {@code limit} outstanding calls.
   *
   * @param message says which side's limit was reached
   * @param limit the limit of outstanding calls that was reached
   */
  public AmpTooManyCallsException(String message, int limit) {
    super(message);
    this.limit = limit;
  }

  /**
   * The limit that was reached.
   *
   * @return the limit of outstanding calls that was reached
   */
  public int limit() {
    return limit;
  }
}
