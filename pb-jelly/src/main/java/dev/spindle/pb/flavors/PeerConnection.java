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

  /** This side's address. */
  SocketAddress localAddress();

  /** Returns true until the connection is closed. */
  boolean isOpen();

  /**
   * The number of objects this side currently exports to the peer (its {@code root} included):
   * Referenceables, Viewable view points and Cacheables the peer still holds. For diagnostics and
   * tests; exact on the connection's event loop (for example in a remote method). Twisted: {@code
   * len(broker.localObjects)}.
   */
  int exportedObjectCount();

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
