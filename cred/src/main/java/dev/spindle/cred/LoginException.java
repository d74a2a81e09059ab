package dev.spindle.cred;

import java.util.List;

/**
 * Root of every login failure. Unchecked.
 *
 * <p>PB reports a failed login to a Twisted peer as a {@code CopyableFailure} whose {@code type},
 * {@code value} and {@code parents} are Python names and text; {@link #twistedTypeName()}, {@link
 * #twistedValue()} and {@link #twistedParents()} give them, so a Python client can {@code
 * failure.trap(UnauthorizedLogin)}. Subclasses made by applications inherit their nearest
 * shipped class's Twisted names unless they override these methods.
 *
 * <p>Twisted equivalent: {@code twisted.cred.error.LoginFailed}.
 */
public class LoginException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private static final List<String> PARENTS =
      List.of(
          "twisted.cred.error.LoginFailed",
          "builtins.Exception",
          "builtins.BaseException",
          "builtins.object");

  /** Twisted's {@code str(exception)}; null means "same as the message". */
  private final String twistedValue;

  /**
   * Creates an exception with {@code message}, which is also its Twisted value.
   *
   * @param message the detail message, also sent to a PB peer as the failure's value; no secrets
   */
  public LoginException(String message) {
    this(message, message, null);
  }

  /**
   * Creates an exception with {@code message}, which is also its Twisted value, and a cause.
   *
   * @param message the detail message, also sent to a PB peer as the failure's value; no secrets
   * @param cause the underlying failure, kept on this side only; may be null
   */
  public LoginException(String message, Throwable cause) {
    this(message, message, cause);
  }

  /**
   * Creates an exception whose Java message and Twisted value differ, as when Twisted's exception
   * has no arguments (its value is then empty).
   *
   * @param message the Java detail message; may be null
   * @param twistedValue what PB sends as the failure's value; null: the empty string
   * @param cause the underlying failure, kept on this side only; may be null
   */
  protected LoginException(String message, String twistedValue, Throwable cause) {
    super(message, cause);
    this.twistedValue = twistedValue;
  }

  /**
   * The qualified Python class name PB sends as the failure's {@code type}, here {@code
   * twisted.cred.error.LoginFailed}.
   *
   * @return the Python class name, such as {@code twisted.cred.error.LoginFailed}
   */
  public String twistedTypeName() {
    return PARENTS.get(0);
  }

  /**
   * The qualified Python names of the class and its ancestors, in method resolution order, which
   * PB sends as the failure's {@code parents}; ends with {@code builtins.BaseException}, {@code
   * builtins.object}.
   *
   * @return an immutable list of Python names, this class's own first
   */
  public List<String> twistedParents() {
    return PARENTS;
  }

  /**
   * Twisted's {@code str(exception)}, which PB sends as the failure's {@code value}.
   *
   * @return the Twisted value; empty, never null, when there is none
   */
  public String twistedValue() {
    return twistedValue == null ? "" : twistedValue;
  }
}
