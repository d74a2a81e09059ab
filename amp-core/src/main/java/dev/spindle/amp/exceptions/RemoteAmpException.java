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

  /** The error code, e.g. {@code UNKNOWN} or an application code. */
  private final String errorCode;
  /** The human-readable description sent with the code. */
  private final String description;
  /** True if the connection is closed after the error box is sent. */
  private final boolean fatal;

  /**
   * Creates a non-fatal error with {@code errorCode} and {@code description}.
   *
   * @param errorCode the error code to send, e.g. an application code; not null
   * @param description the human-readable description to send; not null, may be empty
   */
  public RemoteAmpException(String errorCode, String description) {
    this(errorCode, description, false);
  }

  /**
   * Creates an error with {@code errorCode} and {@code description}; if {@code fatal}, the
   * responder closes the connection after sending it.
   *
   * @param errorCode the error code to send, e.g. an application code; not null
   * @param description the human-readable description to send; not null, may be empty
   * @param fatal true to close the connection once the error box is sent
   */
  public RemoteAmpException(String errorCode, String description, boolean fatal) {
    super("Code<" + errorCode + ">: " + description);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
    this.description = Objects.requireNonNull(description, "description");
    this.fatal = fatal;
  }

  /**
   * The error code, e.g. {@code UNKNOWN} or an application code.
   *
   * @return the error code, never null
   */
  public String errorCode() {
    return errorCode;
  }

  /**
   * The human-readable description sent with the code.
   *
   * @return the description, never null, possibly empty
   */
  public String description() {
    return description;
  }

  /**
   * True if the connection is closed after the error box is sent.
   *
   * @return true if the error closes the connection
   */
  public boolean isFatal() {
    return fatal;
  }
}
