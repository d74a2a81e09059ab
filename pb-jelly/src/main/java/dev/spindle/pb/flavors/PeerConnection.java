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
  /** {@return the peer's address} */
  SocketAddress remoteAddress();

  /** {@return this side's address} */
  SocketAddress localAddress();

  /** {@return true until the connection is closed} */
  boolean isOpen();

  /**
   * The number of objects this side currently exports to the peer (its {@code root} included):
   * Referenceables, Viewable view points and Cacheables the peer still holds. For diagnostics and
   * tests; exact on the connection's event loop (for example in a remote method). Twisted: {@code
   * len(broker.localObjects)}.
   *
   * @return the count of exported objects, root included
   */
  int exportedObjectCount();

  /**
   * Runs {@code callback} on the connection's event loop when the connection is lost; at once if
   * it already is. Twisted: {@code Broker.notifyOnDisconnect}.
   *
   * @param callback the action to run, once; it should not block
   */
  void notifyOnDisconnect(Runnable callback);

  /**
   * The connection as listeners and interceptors see it (id, peer, avatar id after a login,
   * counts), or null when the endpoint observes nothing (no interceptor, listener or logging
   * option).
   *
   * @return the connection's description, or {@code null} when nothing observes the endpoint
   */
  default dev.spindle.transport.ConnectionInfo connectionInfo() {
    return null;
  }
}
