package dev.spindle.pb.flavors;

/**
 * An expected error to report to the peer: Twisted's {@code pb.Error}. Thrown from a remote
 * method, it reaches a Twisted caller as a {@code CopiedFailure} of type {@value #TWISTED_TYPE}
 * (parents {@code twisted.spread.pb.Error}, {@code builtins.Exception}, ...), so the caller can
 * {@code trap(pb.Error)}; a subclass is sent under its Java class name with {@code
 * twisted.spread.pb.Error} among its parents. It is not logged as a failure.
 *
 * <p>Unchecked. A subclass that is also {@link Copyable} is sent as itself instead.
 */
public class PbError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The Python name of {@code pb.Error}, sent as the failure's type. */
  public static final String TWISTED_TYPE = "twisted.spread.pb.Error";

  /**
   * Creates the error; {@code message} is the failure's value ({@code str(exception)}).
   *
   * @param message the failure's value, sent as {@code str(exception)}
   */
  public PbError(String message) {
    super(message);
  }

  /**
   * Creates the error with a cause (not sent).
   *
   * @param message the failure's value, sent as {@code str(exception)}
   * @param cause the local cause, not sent to the peer
   */
  public PbError(String message, Throwable cause) {
    super(message, cause);
  }
}
