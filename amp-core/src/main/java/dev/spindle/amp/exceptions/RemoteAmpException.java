package dev.spindle.amp.exceptions;

import java.util.Objects;

/**
 * An AMP error box: an error code and a description.
 *
 * <p>A responder may throw it to send any error code, and mark it fatal to close the connection
 * after the error box. A caller receives it from {@code callRemoteString} for any code other than
 * {@code UNHANDLED}, and from typed calls as the base of {@link UnknownRemoteException} and {@link
 * UnhandledCommandException}. Twisted equivalent: {@code RemoteAmpError}.
 */
public class RemoteAmpException extends AmpException {
  private static final long serialVersionUID = 1L;

  private final String errorCode;
  private final String description;
  private final boolean fatal;

  /** Creates a non-fatal error with {@code errorCode} and {@code description}. */
  public RemoteAmpException(String errorCode, String description) {
    this(errorCode, description, false);
  }

  /**
   * Creates an error with {@code errorCode} and {@code description}; if {@code fatal}, the
   * responder closes the connection after sending it.
   */
  public RemoteAmpException(String errorCode, String description, boolean fatal) {
    super("Code<" + errorCode + ">: " + description);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    this.description = Objects.requireNonNull(description, "description");
    this.fatal = fatal;
  }

  /** The error code, e.g. {@code UNKNOWN} or an application code. */
  public String errorCode() {
    return errorCode;
  }

  /** The human-readable description sent with the code. */
  public String description() {
    return description;
  }

  /** True if the connection is closed after the error box is sent. */
  public boolean isFatal() {
    return fatal;
  }
}
