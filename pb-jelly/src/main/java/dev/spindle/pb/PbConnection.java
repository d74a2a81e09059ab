package dev.spindle.pb;

import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.PbBackpressureException;
import dev.spindle.cred.Credentials;
import dev.spindle.pb.broker.Broker;
import dev.spindle.pb.broker.BrokerTransport;
import dev.spindle.pb.flavors.PeerConnection;
import dev.spindle.transport.internal.TlsSupport;
import io.netty.channel.Channel;
import java.lang.ref.Cleaner;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLSession;

/**
 * One Perspective Broker connection, from either end. Both ends are symmetric: either may call
 * the other's objects. {@link #getRootObject()} reaches the object the peer publishes as {@code
 * root} (a {@code PbServer}'s root; a client publishes none). Twisted equivalent: a {@code
 * pb.Broker} with its factory's {@code getRootObject}.
 *
 * <p>Thread-safe. The connection's state lives on one Netty event loop; calls from other threads
 * are queued to it. Futures complete on that event loop: do not block in their callbacks.
 *
 * <p>Backpressure: a connection buffers what the peer has not read yet only up to its write
 * high-water mark ({@link PbEndpointBuilder#writeBufferWaterMark}). Above it, {@link
 * #isWritable()} is false, {@link RemoteReference#callRemote calls} fail at once with {@link
 * PbBackpressureException} (nothing is sent; they may be retried), and the connection stops
 * reading the peer's messages until the buffer drains below the low-water mark, so a peer that
 * calls without reading the answers cannot make this side grow without bound. Failing fast is the
 * default because a silently growing queue is the failure this guards against; a producer that
 * would rather wait checks {@link #isWritable()} or waits on {@link #whenWritable()}. Answers to
 * the peer's calls are never refused: they are what the paused reading bounds. Pagers ({@code
 * dev.spindle.pb.util}) already send only while the channel is writable. While this side itself
 * waits for answers from the peer it keeps reading up to twice the high-water mark, so that two
 * peers calling each other cannot both stop reading and wait for each other forever. The
 * connection turns {@code autoRead} off and on for this; an application that also sets it should
 * not expect its setting to survive a pause.
 */
public final class PbConnection implements PeerConnection {
  private final BrokerTransport handler;
  private final Cleaner cleaner;
  private long callTimeoutNanos;
  private Broker broker;
  private RemoteReference root;

  PbConnection(BrokerTransport handler, Cleaner cleaner) {
    this.handler = handler;
    this.cleaner = cleaner;
  }

  void setBroker(Broker broker) {
    this.broker = broker;
    this.root = new RemoteReference(this, "root", null, false);
  }

  Broker broker() {
    return broker;
  }

  BrokerTransport handler() {
    return handler;
  }

  Cleaner cleaner() {
    return cleaner;
  }

  /** The default call timeout in nanoseconds, 0 for none; set once before the connection is used. */
  long callTimeoutNanos() {
    return callTimeoutNanos;
  }

  void setCallTimeoutNanos(long nanos) {
    this.callTimeoutNanos = nanos;
  }

  /**
   * The number of this side's calls waiting for their answer. For diagnostics and tests; exact on
   * the connection's event loop.
   *
   * @return the count of this side's calls awaiting an answer
   */
  public int pendingCallCount() {
    Broker b = broker;
    return b == null ? 0 : b.pendingCallCount();
  }

  /**
   * The number of objects this side currently exports to the peer (its {@code root} included):
   * Referenceables, Viewable view points and Cacheables the peer still holds. For diagnostics and
   * tests; exact when called on the connection's event loop (for example from a remote method).
   * Twisted: {@code len(broker.localObjects)}.
   */
  @Override
  public int exportedObjectCount() {
    Broker b = broker;
    return b == null ? 0 : b.exportedCount();
  }

  /** Runs {@code task} on the event loop (see {@link BrokerTransport#execute}). */
  void execute(Broker.Task task) {
    handler.execute(task);
  }

  /**
   * A reference to the object the peer publishes as {@code root}, once the connection is ready.
   * Nothing is sent: as in Twisted, the root is simply the object named {@code root} on the peer,
   * and it is never reference counted (releasing it does nothing). Fails with {@link
   * PbConnectionLostException} if the connection closes before the Banana handshake completes.
   *
   * @return a future that completes with the root reference on the event loop, or exceptionally as
   *     above
   */
  public CompletableFuture<RemoteReference> getRootObject() {
    return handler.handler().ready().thenApply(v -> root);
  }

  /**
   * Logs in to the server's cred portal and returns a reference to the avatar the server's realm
   * chose (calls on it go to the avatar's {@code perspective_<name>} methods). Twisted: {@code
   * PBClientFactory.login(credentials, client=mind)}, against Twisted's {@code
   * PBServerFactory(portal)} or a {@code PbServer} built with {@code portal(...)}.
   *
   * <ul>
   *   <li>{@link dev.spindle.cred.UsernamePassword}: challenge-response, the password never sent.
   *       {@code root.login(username)} sends the username as bytes and answers {@code (challenge,
   *       challenger)}; {@code challenger.respond(MD5(MD5(password) || challenge), mind)} answers
   *       the avatar, and the challenger is released ({@code decref}) right after responding.
   *   <li>{@link dev.spindle.cred.Anonymous}: {@code root.loginAnonymous(mind)}.
   * </ul>
   *
   * <p>{@code mind} is what the server's realm receives: usually a {@link
   * dev.spindle.pb.flavors.Referenceable} of this side that the avatar can call back, or null. Log
   * out by {@link RemoteReference#release() releasing} the avatar (the server logs out on the last
   * {@code decref}) or closing the connection. Logging in again on one connection is allowed.
   *
   * <p>The future completes on the event loop (credentials this side refuses fail it at once). It
   * fails with {@link RemotePbException} if the
   * server refused: {@code check("twisted.cred.error.UnauthorizedLogin")} for an unknown user or
   * a wrong password (the server does not say which), {@code
   * "twisted.cred.error.UnhandledCredentials"} if its portal cannot check these credentials; with
   * {@link IllegalArgumentException} for credentials other than those two kinds; otherwise as
   * {@link RemoteReference#callRemote} fails. The connection stays open after a failure. Password
   * bytes are copied and the copy cleared once the response is computed.
   *
   * @param credentials a {@link dev.spindle.cred.UsernamePassword} or {@link
   *     dev.spindle.cred.Anonymous}; not null
   * @param mind the object the server's realm receives, or {@code null}
   * @return a future that completes with a reference to the avatar, or exceptionally as above
   * @throws NullPointerException if {@code credentials} is null
   */
  public CompletableFuture<RemoteReference> login(Credentials credentials, Object mind) {
    return ClientLogin.login(this, Objects.requireNonNull(credentials, "credentials"), mind);
  }

  /**
   * A reference to the peer's object named {@code name} (for example {@code root}), not reference
   * counted. Nothing is checked or sent; a call on an unknown name fails with the peer's {@code
   * Invalid Object ID}. Twisted: {@code Broker.remoteForName}.
   *
   * @param name the name the peer publishes the object under
   * @return a new reference, not reference counted
   */
  public RemoteReference remoteForName(String name) {
    return new RemoteReference(this, Objects.requireNonNull(name, "name"), null, false);
  }

  /**
   * A reference to the peer's object {@code luid}, not reference counted (the luid is the
   * peer's; normally references arrive as values). Twisted: {@code Broker.remoteForName(luid)}.
   *
   * @param luid the peer's id of the object
   * @return a new reference, not reference counted
   */
  public RemoteReference remoteForLuid(long luid) {
    return new RemoteReference(this, luid, null, false);
  }

  /**
   * True while the connection takes more calls: what waits to be written (Netty's outbound buffer
   * and calls queued from other threads) is below the write high-water mark, or, once above it,
   * has drained below the low-water mark. While false, calls fail with {@link
   * PbBackpressureException}. False once the connection is closed. Thread-safe.
   *
   * @return true if a call would be accepted now
   */
  public boolean isWritable() {
    return handler.handler().isWritable();
  }

  /**
   * Completes when the connection {@link #isWritable() is writable} (at once if it is now), or
   * fails with {@link PbConnectionLostException} if it closes first: for a producer that waits
   * instead of meeting {@link PbBackpressureException}. Completes on the event loop (do not block
   * there); another producer may fill the buffer again before this one calls. Thread-safe.
   *
   * @return a stage that completes with {@code null} once writable, or exceptionally if the
   *     connection closes first
   */
  public CompletionStage<Void> whenWritable() {
    return handler.handler().whenWritable().minimalCompletionStage();
  }

  /**
   * Closes the connection after what was sent is flushed; completes when it is closed.
   *
   * @return a stage that completes with {@code null} once the connection is closed, even if it
   *     closed on an error
   */
  public CompletionStage<Void> close() {
    handler.close(null);
    return handler.handler().closeFuture().exceptionally(t -> null);
  }

  /**
   * Completes when the connection is closed: normally for an orderly close by either side, or
   * exceptionally with the error that made this side close it (a {@link PbProtocolException} when
   * the peer broke the protocol).
   *
   * @return a stage that completes with {@code null} on an orderly close, or exceptionally with the
   *     error
   */
  public CompletionStage<Void> closeFuture() {
    return handler.handler().closeFuture().minimalCompletionStage();
  }

  /**
   * True once the connection is established, until it closes or starts closing: {@link #close()}
   * on either side, a protocol error, a limit (time, memory, keepalive) or the loss of the TCP
   * connection. {@link #closeFuture()} completes later, once it is closed. AMP and PB connections
   * answer alike. Thread-safe.
   */
  @Override
  public boolean isOpen() {
    return handler.handler().isConnectionOpen();
  }

  /**
   * The TLS session once TLS is on and its handshake done, else null: the peer's certificates are
   * {@code getPeerCertificates()}. Twisted: {@code peerCertificate}.
   *
   * @return the session, or {@code null} without TLS or before the handshake is done
   */
  public SSLSession sslSession() {
    return TlsSupport.session(handler.channel());
  }

  /** The local address. */
  @Override
  public SocketAddress localAddress() {
    return handler.channel().localAddress();
  }

  @Override
  public dev.spindle.transport.ConnectionInfo connectionInfo() {
    Broker b = broker;
    return b == null ? null : b.connectionInfo();
  }

  /** The peer's address. */
  @Override
  public SocketAddress remoteAddress() {
    return handler.channel().remoteAddress();
  }

  /**
   * Runs {@code callback} on the event loop when the connection is lost, after pending calls
   * have failed; at once (on the calling thread) if it already is. Twisted: {@code
   * Broker.notifyOnDisconnect}.
   */
  @Override
  public void notifyOnDisconnect(Runnable callback) {
    Objects.requireNonNull(callback, "callback");
    handler.execute(new Broker.Task() {
      @Override
      public void run() {
        broker.notifyOnDisconnect(callback);
      }

      @Override
      public void fail(Throwable cause) {
        callback.run();
      }
    });
  }

  /**
   * Removes a callback added with {@link #notifyOnDisconnect}.
   *
   * @param callback the callback to remove; nothing happens if it is not registered
   */
  public void dontNotifyOnDisconnect(Runnable callback) {
    handler.execute(() -> broker.dontNotifyOnDisconnect(callback));
  }

  /**
   * Sends pages with {@code producer} while the connection is writable, newest producer first:
   * Twisted's {@code Broker.registerPageProducer}, on which the pagers of {@code
   * dev.spindle.pb.util} run. The producer is asked on the event loop until it says it is done;
   * if the connection is lost first, or already is, it is told with {@link
   * PageProducer#stopProducing}.
   *
   * @param producer the producer, asked on the event loop
   */
  public void registerPageProducer(PageProducer producer) {
    Objects.requireNonNull(producer, "producer");
    Broker.PageProducer p = new Broker.PageProducer() {
      @Override
      public boolean sendNextPage() {
        return producer.sendNextPage();
      }

      @Override
      public void stopProducing(Throwable cause) {
        producer.stopProducing(cause);
      }

      @Override
      public String toString() {
        return producer.toString();
      }
    };
    handler.execute(new Broker.Task() {
      @Override
      public void run() {
        broker.registerPageProducer(p);
      }

      @Override
      public void fail(Throwable cause) {
        producer.stopProducing(cause);
      }
    });
  }

  /** Sends pages while its connection is writable; see {@link #registerPageProducer}. */
  public interface PageProducer {
    /**
     * Sends the next page, or the end of paging, on the event loop. Returns true if there is more
     * to send, false once done (the producer is then forgotten). Must not throw.
     *
     * @return true if there is more to send, false once done
     */
    boolean sendNextPage();

    /**
     * The producer will not be asked again: the connection is lost. Twisted: {@code stopProducing}.
     *
     * @param cause why the connection was lost
     */
    void stopProducing(Throwable cause);
  }

  @Override
  public String toString() {
    Channel ch = handler.channel();
    return "PbConnection{" + (ch == null ? "unbound" : ch.localAddress() + " -> " + ch.remoteAddress()) + "}";
  }
}
