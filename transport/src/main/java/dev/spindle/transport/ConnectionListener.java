package dev.spindle.transport;

/**
 * Hears what happens to the connections of an endpoint: opened and closed (with the cause), bytes
 * read and written, reads paused by backpressure, PB logins. For metrics (see {@code
 * spindle-micrometer}); added with {@link EndpointBuilder#connectionListener(ConnectionListener)}.
 * Called on the connection's event loop: must be quick and must not block. Exceptions it throws
 * are logged and otherwise ignored. Every method does nothing by default.
 */
public interface ConnectionListener {
  /**
   * The connection is active (TCP connected; TLS and the protocol handshake may follow).
   *
   * @param connection the connection; the same object for all its events
   */
  default void opened(ConnectionInfo connection) {}

  /**
   * The connection closed: {@code cause} is null for an orderly close, else why (the protocol's
   * "connection lost", a protocol error, a limit met).
   *
   * @param connection the connection; the same object for all its events
   * @param cause why it closed, or null for an orderly close
   */
  default void closed(ConnectionInfo connection, Throwable cause) {}

  /**
   * {@code bytes} more were read from the peer.
   *
   * @param connection the connection; the same object for all its events
   * @param bytes the bytes just read, positive
   */
  default void bytesRead(ConnectionInfo connection, int bytes) {}

  /**
   * {@code bytes} more were written to the peer.
   *
   * @param connection the connection; the same object for all its events
   * @param bytes the bytes just written, positive
   */
  default void bytesWritten(ConnectionInfo connection, int bytes) {}

  /**
   * The connection's write buffer passed its high-water mark: this side's calls fail fast and
   * reading the peer's requests pauses until it drains.
   *
   * @param connection the connection; the same object for all its events
   */
  default void backpressurePaused(ConnectionInfo connection) {}

  /**
   * A PB login succeeded as {@code avatarId}.
   *
   * @param connection the connection; the same object for all its events
   * @param avatarId the avatar id as logged (never a secret), as {@link ConnectionInfo#avatarId()}
   *     gives it
   */
  default void loginSucceeded(ConnectionInfo connection, String avatarId) {}

  /**
   * A PB login failed with {@code cause}.
   *
   * @param connection the connection; the same object for all its events
   * @param cause why the login failed, normally a {@code LoginException}; may be null
   */
  default void loginFailed(ConnectionInfo connection, Throwable cause) {}
}
