package dev.spindle.transport;

/**
 * Hears what happens to the connections of an endpoint: opened and closed (with the cause), bytes
 * read and written, reads paused by backpressure, PB logins. For metrics (see {@code
 * spindle-micrometer}); added with {@link EndpointBuilder#connectionListener(ConnectionListener)}.
 * Called on the connection's event loop: must be quick and must not block. Exceptions it throws
 * are logged and otherwise ignored. Every method does nothing by default.
 */
public interface ConnectionListener {
  /** The connection is active (TCP connected; TLS and the protocol handshake may follow). */
  default void opened(ConnectionInfo connection) {}

  /**
   * The connection closed: {@code cause} is null for an orderly close, else why (the protocol's
   * "connection lost", a protocol error, a limit met).
   */
  default void closed(ConnectionInfo connection, Throwable cause) {}

  /** {@code bytes} more were read from the peer. */
  default void bytesRead(ConnectionInfo connection, int bytes) {}

  /** {@code bytes} more were written to the peer. */
  default void bytesWritten(ConnectionInfo connection, int bytes) {}

  /**
   * The connection's write buffer passed its high-water mark: this side's calls fail fast and
   * reading the peer's requests pauses until it drains.
   */
  default void backpressurePaused(ConnectionInfo connection) {}

  /** A PB login succeeded as {@code avatarId}. */
  default void loginSucceeded(ConnectionInfo connection, String avatarId) {}

  /** A PB login failed with {@code cause}. */
  default void loginFailed(ConnectionInfo connection, Throwable cause) {}
}
