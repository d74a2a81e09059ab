package dev.spindle.pb.jelly;

/**
 * A malformed message that names something the receiver does not hold: a cache or object id it
 * never gave out or already released. Twisted fails these with {@code KeyError}, so a failure sent
 * for it has {@code builtins.KeyError} and {@code builtins.LookupError} among its parents (and not
 * {@code ValueError}).
 */
public class JellyKeyException extends MalformedJellyException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message the detail message, naming the unknown id
   */
  public JellyKeyException(String message) {
    super(message);
  }
}
