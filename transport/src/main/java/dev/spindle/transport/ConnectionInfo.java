package dev.spindle.transport;

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection as interceptors, listeners and log lines see it: its id (unique in this JVM, also
 * the {@code spindle.conn} MDC key), protocol, side, peer, the avatar id once a PB login succeeded,
 * and running counts. Counts are updated on the event loop and readable from any thread.
 */
public final class ConnectionInfo {
  private static final AtomicLong IDS = new AtomicLong();

  private final String id;
  private final String system;
  private final boolean server;
  private final long openedNanos = System.nanoTime();
  private volatile String avatarId;
  private volatile ConnectionListener listener;
  private volatile SocketAddress peer;
  private volatile String peerText;
  private volatile long bytesRead;
  private volatile long bytesWritten;
  private final AtomicLong calls = new AtomicLong();

  /**
   * For the protocols.
   *
   * @param system {@link CallInfo#AMP} or {@link CallInfo#PB}
   * @param server true if this side accepted the connection
   * @param peer the peer's address, or null until connected
   */
  public ConnectionInfo(String system, boolean server, SocketAddress peer) {
    this.id = Long.toHexString(IDS.incrementAndGet());
    this.system = system;
    this.server = server;
    this.peer = peer;
    this.peerText = peer == null ? null : String.valueOf(peer);
  }

  /**
   * The connection's id, unique in this JVM.
   *
   * @return the id, a short hexadecimal string
   */
  public String id() {
    return id;
  }

  /**
   * {@link CallInfo#AMP} or {@link CallInfo#PB}.
   *
   * @return the protocol's name as OpenTelemetry's {@code rpc.system}
   */
  public String system() {
    return system;
  }

  /**
   * Whether this side accepted the connection.
   *
   * @return true on the accepting side, false on the connecting side
   */
  public boolean isServer() {
    return server;
  }

  /**
   * The peer's address.
   *
   * @return the peer's address, or null before a client is connected
   */
  public SocketAddress peer() {
    return peer;
  }

  /**
   * The avatar id of a successful PB login (Twisted's {@code avatarId}), or null.
   *
   * @return the avatar id as {@code LoginLog.avatarId} shows it, or null before a login
   */
  public String avatarId() {
    return avatarId;
  }

  /**
   * For the transport: who hears of logins.
   *
   * @param listener told of logins; null for none
   */
  public void listener(ConnectionListener listener) {
    this.listener = listener;
  }

  /**
   * For the protocols: a login succeeded as {@code avatarId} (from then on in the MDC as {@code
   * spindle.avatar}); the listener is told.
   *
   * @param avatarId the avatar id to show, never a secret
   */
  public void loggedIn(String avatarId) {
    this.avatarId = avatarId;
    ConnectionListener l = listener;
    if (l != null) {
      l.loginSucceeded(this, avatarId);
    }
  }

  /**
   * For the protocols: a login failed with {@code cause}; the listener is told.
   *
   * @param cause why the login failed; may be null
   */
  public void loginFailed(Throwable cause) {
    ConnectionListener l = listener;
    if (l != null) {
      l.loginFailed(this, cause);
    }
  }

  /**
   * Bytes read from the peer so far (counted when a listener or connection logging is on).
   *
   * @return bytes read so far, 0 or more
   */
  public long bytesRead() {
    return bytesRead;
  }

  /**
   * Bytes written to the peer so far (counted when a listener or connection logging is on).
   *
   * @return bytes written so far, 0 or more
   */
  public long bytesWritten() {
    return bytesWritten;
  }

  /**
   * Calls of the peer received so far (counted when a listener or connection logging is on).
   *
   * @return calls received so far, 0 or more
   */
  public long calls() {
    return calls.get();
  }

  /**
   * For the transport: {@code n} more bytes read. Event loop.
   *
   * @param n bytes just read, 0 or more
   */
  public void countRead(long n) {
    bytesRead = bytesRead + n;
  }

  /**
   * For the transport: {@code n} more bytes written. Event loop.
   *
   * @param n bytes just written, 0 or more
   */
  public void countWritten(long n) {
    bytesWritten = bytesWritten + n;
  }

  /**
   * For the transport: the peer's address, once connected.
   *
   * @param peer the remote address of the connected channel
   */
  public void peer(SocketAddress peer) {
    this.peer = peer;
    this.peerText = String.valueOf(peer);
  }

  /**
   * The peer's address as text (for log lines and the MDC).
   *
   * @return the address as text, {@code "null"} if it is not known yet
   */
  public String peerText() {
    String t = peerText;
    return t != null ? t : String.valueOf(peer);
  }

  /** For the protocols: counts one call of the peer. */
  public void countCall() {
    calls.incrementAndGet();
  }

  /**
   * Nanoseconds since the connection was set up.
   *
   * @return nanoseconds since this object was made, 0 or more
   */
  public long ageNanos() {
    return System.nanoTime() - openedNanos;
  }

  @Override
  public String toString() {
    return system + "#" + id + "(" + peer + ")";
  }
}
