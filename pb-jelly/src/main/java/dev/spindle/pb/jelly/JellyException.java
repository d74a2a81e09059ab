package dev.spindle.pb.jelly;

/**
 * Root of every exception Spindle's Jelly raises: a value that cannot be jellied (an unmapped
 * Java type, a string with a lone surrogate, a time-zone-aware time, an integer beyond Banana's
 * 448 bits, nesting deeper than the configured limit) or an s-expression that cannot be
 * unjellied (see the subclasses). Messages read {@code field: value (expected: rule)}.
 */
public class JellyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message the detail message
   */
  public JellyException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message the detail message
   * @param cause the underlying failure
   */
  public JellyException(String message, Throwable cause) {
    super(message, cause);
  }
}
