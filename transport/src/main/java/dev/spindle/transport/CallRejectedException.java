package dev.spindle.transport;

/**
 * A call of the peer that was not run: the {@link BlockingExecutor} is full, or a {@link
 * CallInterceptor} refused it. The connection stays open. AMP answers with an error box carrying
 * {@link #errorCode()} (a Twisted caller sees {@code UnknownRemoteError} with the description, a
 * Spindle caller the exception its command declares for the code); PB answers with a {@code
 * pb.Error} failure carrying the message.
 */
public class CallRejectedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The AMP error code of a call refused because the blocking executor is full. */
  public static final String OVERLOADED = "OVERLOADED";

  /** The AMP error code of a call an interceptor refused without giving a code. */
  public static final String REJECTED = "REJECTED";

  /** The AMP error code, printable ASCII without spaces. */
  private final String errorCode;

  /**
   * A refusal with the AMP code {@value #REJECTED}.
   *
   * @param message why the call was refused, sent to the peer; no secrets
   */
  public CallRejectedException(String message) {
    this(REJECTED, message);
  }

  /**
   * A refusal with the AMP code {@code errorCode} (ASCII, as AMP codes are).
   *
   * @param errorCode the AMP error code, printable ASCII without spaces; not null
   * @param message why the call was refused, sent to the peer; no secrets
   * @throws IllegalArgumentException if the code is empty or not printable ASCII
   */
  public CallRejectedException(String errorCode, String message) {
    super(message, null, false, false);
    if (errorCode.isEmpty() || !errorCode.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
      throw new IllegalArgumentException("errorCode: '" + errorCode + "' (expected: printable ASCII, no spaces)");
    }
    this.errorCode = errorCode;
  }

  /**
   * The error code an AMP peer receives.
   *
   * @return the code, such as {@value #OVERLOADED} or {@value #REJECTED}
   */
  public String errorCode() {
    return errorCode;
  }
}
