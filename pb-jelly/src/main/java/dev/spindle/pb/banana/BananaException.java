package dev.spindle.pb.banana;

/**
 * The root of Banana's exceptions. Where Twisted raises an exception for the same condition, the
 * message is Twisted's text and {@link #pythonType()} names the Python exception type, so that
 * both sides of an interop test can be compared.
 *
 * <p>Twisted equivalent: {@code twisted.spread.banana.BananaError}, plus the {@code
 * NotImplementedError} and {@code KeyError} its decoder lets escape.
 */
public abstract class BananaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** {@code twisted.spread.banana.BananaError}. */
  public static final String BANANA_ERROR = "twisted.spread.banana.BananaError";

  /** {@code builtins.NotImplementedError}, raised by Twisted's decoder for bad type bytes. */
  public static final String NOT_IMPLEMENTED_ERROR = "builtins.NotImplementedError";

  /** {@code builtins.KeyError}, raised by Twisted's decoder for an unknown {@code VOCAB} index. */
  public static final String KEY_ERROR = "builtins.KeyError";

  /**
   * The fully qualified name of the Python exception type, or {@code null}; see {@link
   * #pythonType()}.
   */
  private final String pythonType;

  BananaException(String message, String pythonType) {
    super(message);
    this.pythonType = pythonType;
  }

  /**
   * {@return the fully qualified name of the Python exception Twisted raises in the same situation
   * (one of the constants above), or {@code null} if Twisted raises none (it logs and disconnects)}
   */
  public String pythonType() {
    return pythonType;
  }
}
