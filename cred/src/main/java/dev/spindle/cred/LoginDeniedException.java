package dev.spindle.cred;

import java.util.List;

/**
 * The realm refused a login whose credentials were good (for example, the account is disabled or
 * already logged in). Thrown by a {@link Realm}.
 *
 * <p>Twisted equivalent: {@code twisted.cred.error.LoginDenied}.
 */
public class LoginDeniedException extends LoginException {
  private static final long serialVersionUID = 1L;

  private static final List<String> PARENTS =
      List.of(
          "twisted.cred.error.LoginDenied",
          "twisted.cred.error.LoginFailed",
          "builtins.Exception",
          "builtins.BaseException",
          "builtins.object");

  /** Creates an exception with a fixed message and an empty Twisted value, as {@code LoginDenied()}. */
  public LoginDeniedException() {
    super("login denied", "", null);
  }

  /**
   * Creates an exception with {@code message}, which is also its Twisted value.
   *
   * @param message why the realm refused, also sent to a PB peer as the failure's value; no secrets
   */
  public LoginDeniedException(String message) {
    super(message);
  }

  /** {@code twisted.cred.error.LoginDenied}. */
  @Override
  public String twistedTypeName() {
    return PARENTS.get(0);
  }

  @Override
  public List<String> twistedParents() {
    return PARENTS;
  }
}
