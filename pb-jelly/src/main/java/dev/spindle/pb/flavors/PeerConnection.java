package dev.spindle.pb.flavors;

import java.net.SocketAddress;

/**
 * One PB connection as the flavors see it, for {@link Root#rootObject}: {@code
 * dev.spindle.pb.PbConnection} is the full interface. Twisted equivalent: the {@code broker}
 * passed to {@code IPBRoot.rootObject}.
 *
 * <p>Thread-safe.
 */
public interface PeerConnection {
  /** The peer's address. */
  SocketAddress remoteAddress();

  /** Returns true until the connection is closed. */
  boolean isOpen();

  /**
   * Runs {@code callback} on the connection's event loop when the connection is lost; at once if
   * it already is. Twisted: {@code Broker.notifyOnDisconnect}.
   */
  void notifyOnDisconnect(Runnable callback);

  /**
   * The connection as listeners and interceptors see it (id, peer, avatar id after a login,
   * counts), or null when the endpoint observes nothing (no interceptor, listener or logging
   * option).
   */
  default dev.spindle.transport.ConnectionInfo connectionInfo() {
    return null;
  }
}
