package dev.spindle.pb.jelly;

/**
 * An s-expression that no Jelly peer produces: an empty list, a head that is not a byte string, a
 * wrong number of elements for its head, a boolean other than {@code true}/{@code false},
 * invalid UTF-8, a bad date or decimal, an unhashable dictionary key, a reference number defined
 * twice or never, nesting beyond the limit. Twisted fails these with assorted Python errors
 * ({@code AssertionError}, {@code UnicodeDecodeError}, {@code TypeError}, {@code ValueError}).
 */
public class MalformedJellyException extends JellyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message the detail message, naming what is wrong
   */
  public MalformedJellyException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message the detail message, naming what is wrong
   * @param cause the underlying failure
   */
  public MalformedJellyException(String message, Throwable cause) {
    super(message, cause);
  }
}
