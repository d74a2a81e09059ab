package dev.spindle.cred;

import java.util.List;

/**
 * The credentials were wrong: unknown user or wrong password, deliberately indistinguishable.
 * Checkers should use the no-argument constructor, whose message is fixed and whose Twisted value
 * is empty, as Twisted's {@code UnauthorizedLogin()}.
 *
 * <p>Twisted equivalent: {@code twisted.cred.error.UnauthorizedLogin}, which subclasses both
 * {@code LoginFailed} and {@code Unauthorized}; {@link #twistedParents()} lists both.
 */
public class UnauthorizedLoginException extends LoginException {
  private static final long serialVersionUID = 1L;

  /** The Java message of the no-argument constructor. */
  static final String DEFAULT_MESSAGE = "unauthorized login";

  private static final List<String> PARENTS =
      List.of(
          "twisted.cred.error.UnauthorizedLogin",
          "twisted.cred.error.LoginFailed",
          "twisted.cred.error.Unauthorized",
          "builtins.Exception",
          "builtins.BaseException",
          "builtins.object");

  /** Creates the exception every shipped checker raises: fixed message, empty Twisted value. */
  public UnauthorizedLoginException() {
    super(DEFAULT_MESSAGE, "", null);
  }

  /**
   * Creates an exception with {@code message}, which is also its Twisted value. It must not tell
   * an unknown user from a wrong password.
   *
   * @param message the detail message, also sent to a PB peer as the failure's value; no secrets
   */
  public UnauthorizedLoginException(String message) {
    super(message);
  }

  /** {@code twisted.cred.error.UnauthorizedLogin}. */
  @Override
  public String twistedTypeName() {
    return PARENTS.get(0);
  }

  @Override
  public List<String> twistedParents() {
    return PARENTS;
  }
}
