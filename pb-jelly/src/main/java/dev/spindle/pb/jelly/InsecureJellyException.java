package dev.spindle.pb.jelly;

import java.util.Objects;

/**
 * An s-expression names a type that the {@link SecurityOptions} refuse, or that nothing is
 * registered to rebuild (an unregistered class name, {@code class}, {@code module}, {@code
 * function}, {@code method}, {@code instance}). Twisted equivalent: {@code InsecureJelly}.
 */
public class InsecureJellyException extends JellyException {
  private static final long serialVersionUID = 1L;

  /** The refused type; see {@link #type()}. */
  private final String type;

  /**
   * Creates the exception for the refused {@code type} (a head or class name).
   *
   * @param type the refused list head or class name, for example {@code goldens.Point}
   * @param message the detail message
   */
  public InsecureJellyException(String type, String message) {
    super(message);
    this.type = Objects.requireNonNull(type, "type");
  }

  /**
   * {@return the refused type: the list head, for example {@code goldens.Point} or {@code module}}
   */
  public String type() {
    return type;
  }
}
