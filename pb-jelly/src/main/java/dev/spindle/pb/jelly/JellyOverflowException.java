package dev.spindle.pb.jelly;

/**
 * A malformed message holding a number too large for its type: a timedelta beyond 999999999 days,
 * a date or time field beyond a C int, a decimal exponent too large to hold. Twisted fails these with {@code OverflowError}, so a failure
 * sent for it has {@code builtins.OverflowError} and {@code builtins.ArithmeticError} among its
 * parents (and not {@code ValueError}).
 */
public class JellyOverflowException extends MalformedJellyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message the detail message, naming the number that is too large
   */
  public JellyOverflowException(String message) {
    super(message);
  }
}
