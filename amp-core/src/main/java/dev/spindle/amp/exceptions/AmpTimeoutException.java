package dev.spindle.amp.exceptions;

import java.time.Duration;

/**
 * A call was not answered within its timeout ({@link dev.spindle.amp.AmpConnection#withTimeout}
 * or the endpoint's {@code callTimeout}). The call is forgotten: its answer, if it comes later, is
 * dropped.
 *
 * <p>Unchecked like every Spindle exception, so it cannot extend {@link
 * java.util.concurrent.TimeoutException}; a {@code TimeoutException} is its cause, for code that
 * looks for one with {@code getCause()}. Twisted has no equivalent (a Deferred with {@code
 * addTimeout} fails with {@code TimeoutError}).
 */
public final class AmpTimeoutException extends AmpException {
  private static final long serialVersionUID = 1L;

  private final transient Duration timeout;

  /**
   * Creates the exception for a call to {@code commandName} that waited {@code timeout}.
   *
   * @param commandName the name of the command that went unanswered
   * @param timeout how long the call waited; not null
   */
  public AmpTimeoutException(String commandName, Duration timeout) {
    super(
        "call to " + commandName + " timed out after " + timeout.toMillis() + " ms",
        new java.util.concurrent.TimeoutException(timeout.toMillis() + " ms"));
    this.timeout = timeout;
  }

  /**
   * The timeout that passed.
   *
   * @return the timeout that passed; null if the exception was deserialized (the field is
   *     transient)
   */
  public Duration timeout() {
    return timeout;
  }
}
