package dev.spindle.pb.exceptions;

import java.time.Duration;

/**
 * A call was not answered within its timeout ({@link
 * dev.spindle.pb.RemoteReference#withTimeout} or the endpoint's {@code callTimeout}). The call is
 * forgotten: its answer, if it comes later, is dropped and the references it carries are released
 * ({@code decref}), so the peer is not left holding them.
 *
 * <p>Unchecked like every Spindle exception, so it cannot extend {@link
 * java.util.concurrent.TimeoutException}; a {@code TimeoutException} is its cause. Twisted has no
 * equivalent (a Deferred with {@code addTimeout} fails with {@code TimeoutError}).
 */
public final class PbTimeoutException extends PbException {
  private static final long serialVersionUID = 1L;

  private final transient Duration timeout;

  /**
   * Creates the exception for a call of {@code method} that waited {@code timeout}.
   *
   * @param method the remote method's name, as called
   * @param timeout how long the call waited for its answer
   */
  public PbTimeoutException(String method, Duration timeout) {
    super("call of " + method + " timed out after " + timeout.toMillis() + " ms",
        new java.util.concurrent.TimeoutException(timeout.toMillis() + " ms"));
    this.timeout = timeout;
  }

  /** {@return the timeout that passed} */
  public Duration timeout() {
    return timeout;
  }
}
