package dev.spindle.amp;

import dev.spindle.transport.EndpointBuilder;

import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.exceptions.AmpBackpressureException;
import dev.spindle.amp.exceptions.AmpTimeoutException;
import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.exceptions.TlsHandshakeException;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.amp.exceptions.TooManyCallsException;
import dev.spindle.amp.locator.CommandLocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The options {@link AmpServer.Builder} and {@link AmpClient.Builder} share: who answers the
 * peer's commands, the limits on received boxes, and the event loops.
 *
 * @param <B> the concrete builder
 */
public abstract class AmpEndpointBuilder<B extends AmpEndpointBuilder<B>> extends EndpointBuilder<B> {
  /** Twisted has no limit on a whole box; this default bounds the memory one box may take. */
  public static final int DEFAULT_MAX_BOX_BYTES = 16 * 1024 * 1024;

  /**
   * Twisted has no limit on outstanding calls; this default bounds the table of calls waiting for
   * answers (each way) per connection, far above what a well-behaved peer pipelines.
   */
  public static final int DEFAULT_MAX_OUTSTANDING_CALLS = 10_000;

  /**
   * Default write high-water mark of a connection, in bytes (16 MiB, as OkHttp bounds a WebSocket's
   * outgoing queue): high enough that pipelining many large calls (100 calls of 60 KiB) is not
   * refused, low enough that a peer that stops reading costs a bounded amount of memory.
   */
  public static final int DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK = 16 * 1024 * 1024;

  /** Default write low-water mark of a connection, in bytes (8 MiB). */
  public static final int DEFAULT_WRITE_BUFFER_LOW_WATER_MARK = 8 * 1024 * 1024;

  Function<AmpConnection, CommandLocator> locatorFactory;
  Function<AmpConnection, BoxReceiver> receiverFactory;
  int maxKeyLength = AmpKeys.MAX_KEY_LENGTH;
  int maxValueLength = AmpKeys.MAX_VALUE_LENGTH;
  int maxBoxBytes = DEFAULT_MAX_BOX_BYTES;
  Consumer<AmpConnection> onConnection;
  EventLoopGroup group;
  long callTimeoutNanos;
  int maxOutstandingCalls = DEFAULT_MAX_OUTSTANDING_CALLS;
  int maxPeerOutstandingCalls = DEFAULT_MAX_OUTSTANDING_CALLS;
  Duration keepaliveInterval;
  Duration keepaliveTimeout;
  SslContext sslContext;
  SslContext startTlsContext;
  boolean verifyHostname = true;
  WriteBufferWaterMark writeBufferWaterMark =
      new WriteBufferWaterMark(DEFAULT_WRITE_BUFFER_LOW_WATER_MARK, DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK);

  AmpEndpointBuilder() {}

  /**
   * Answers the peer's commands with {@code locator} on every connection: a generated {@code
   * <Class>_AmpLocator}, {@link CommandLocator#of(Object)}, or a hand-written box-level one.
   */
  public B locator(CommandLocator locator) {
    Objects.requireNonNull(locator, "locator");
    return locatorFactory(c -> locator);
  }

  /**
   * Builds a locator for each connection; the factory sees the connection, so responders can call
   * the peer back on it. Runs on the connection's event loop.
   */
  public B locatorFactory(Function<AmpConnection, CommandLocator> factory) {
    this.locatorFactory = Objects.requireNonNull(factory, "factory");
    this.receiverFactory = null;
    return self();
  }

  /**
   * Hands every box of each connection to a {@link BoxReceiver} built by {@code factory} instead of
   * the dispatcher (Twisted's box-level API); {@link AmpConnection#callRemote} is then unavailable
   * and {@link AmpConnection#boxSender()} sends.
   */
  public B boxReceiverFactory(Function<AmpConnection, BoxReceiver> factory) {
    this.receiverFactory = Objects.requireNonNull(factory, "factory");
    this.locatorFactory = null;
    return self();
  }

  /** Longest key accepted from the peer, 1 to 255 (default 255, Twisted's {@code MAX_KEY_LENGTH}). */
  public B maxKeyLength(int maxKeyLength) {
    this.maxKeyLength = maxKeyLength;
    return self();
  }

  /**
   * Longest value accepted from the peer, 0 to 65,535 (default 65,535, Twisted's {@code
   * MAX_VALUE_LENGTH}); a longer one closes the connection with a {@link TooLongException}.
   */
  public B maxValueLength(int maxValueLength) {
    this.maxValueLength = maxValueLength;
    return self();
  }

  /** Largest box accepted from the peer, in bytes (default {@value #DEFAULT_MAX_BOX_BYTES}). */
  public B maxBoxBytes(int maxBoxBytes) {
    this.maxBoxBytes = maxBoxBytes;
    return self();
  }

  /**
   * How much each connection buffers for a peer that does not read (default {@value
   * #DEFAULT_WRITE_BUFFER_LOW_WATER_MARK} and {@value #DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK}
   * bytes). Once the bytes waiting to be written (Netty's outbound buffer plus calls queued from
   * other threads) pass {@code high}, calls fail with {@link AmpBackpressureException} and the
   * connection stops reading the peer's commands; both resume once the buffer drains below {@code
   * low}. Set on the channel as Netty's {@link WriteBufferWaterMark}. See {@link AmpConnection}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= low <= high} and {@code high > 0}
   */
  public B writeBufferWaterMark(int low, int high) {
    if (low < 0 || high <= 0 || low > high) {
      throw new IllegalArgumentException(
          "writeBufferWaterMark: low " + low + ", high " + high + " (expected: 0 <= low <= high, high > 0)");
    }
    this.writeBufferWaterMark = new WriteBufferWaterMark(low, high);
    return self();
  }

  /** Called with each new connection, on its event loop, before any box is read. */
  public B onConnection(Consumer<AmpConnection> callback) {
    this.onConnection = Objects.requireNonNull(callback, "callback");
    return self();
  }

  /**
   * Runs the connections on {@code group}, which the caller owns and shuts down. Without it the
   * endpoint creates its own NIO group and shuts it down on close.
   */
  public B eventLoopGroup(EventLoopGroup group) {
    this.group = Objects.requireNonNull(group, "group");
    return self();
  }

  /**
   * How long each call waits for its answer before failing with {@link AmpTimeoutException}
   * (default {@link Duration#ZERO}: no limit, as in Twisted). {@link AmpConnection#withTimeout}
   * overrides it per call.
   */
  public B callTimeout(Duration timeout) {
    this.callTimeoutNanos = AmpConnection.timeoutNanos(timeout, "callTimeout");
    return self();
  }

  /**
   * The most calls of this side that may wait for answers on one connection (default {@value
   * #DEFAULT_MAX_OUTSTANDING_CALLS}); one more fails at once with {@link TooManyCallsException},
   * nothing sent. Commands that want no answer are not counted.
   */
  public B maxOutstandingCalls(int maxOutstandingCalls) {
    if (maxOutstandingCalls < 1) {
      throw new IllegalArgumentException(
          "maxOutstandingCalls: " + maxOutstandingCalls + " (expected: >= 1)");
    }
    this.maxOutstandingCalls = maxOutstandingCalls;
    return self();
  }

  /**
   * The most commands of the peer that may wait for their answer on one connection, that is,
   * whose responder's {@code CompletionStage} has not completed (default {@value
   * #DEFAULT_MAX_OUTSTANDING_CALLS}). One more is not run: it is answered with the error code
   * {@value TooManyCallsException#ERROR_CODE} (a Twisted caller gets {@code UnknownRemoteError};
   * the connection stays open); if it wants no answer, the connection is closed, as Twisted
   * closes it when such a command fails.
   */
  public B maxPeerOutstandingCalls(int maxPeerOutstandingCalls) {
    if (maxPeerOutstandingCalls < 1) {
      throw new IllegalArgumentException(
          "maxPeerOutstandingCalls: " + maxPeerOutstandingCalls + " (expected: >= 1)");
    }
    this.maxPeerOutstandingCalls = maxPeerOutstandingCalls;
    return self();
  }

  /**
   * Opt-in keepalive, to detect a half-open connection: once nothing has been read for {@code
   * interval}, this side calls the command {@code spindle-keepalive}, which no peer
   * implements; any answer, the {@code UNHANDLED} error that Twisted's (and Spindle's) dispatcher
   * sends without logging anything included, proves the peer alive. With no answer within {@code
   * timeout} the connection is closed and its pending calls fail with {@link
   * ConnectionLostException}. Needs the dispatcher: not available with {@link
   * #boxReceiverFactory}. Default: off.
   *
   * @throws IllegalArgumentException if a duration is not positive
   */
  public B keepalive(Duration interval, Duration timeout) {
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("keepalive interval: " + interval + " (expected: > 0)");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("keepalive timeout: " + timeout + " (expected: > 0)");
    }
    this.keepaliveInterval = interval;
    this.keepaliveTimeout = timeout;
    return self();
  }

  CallOptions callOptions() {
    return new CallOptions(
        callTimeoutNanos,
        maxOutstandingCalls,
        maxPeerOutstandingCalls,
        keepaliveInterval,
        keepaliveTimeout);
  }

  /**
   * Speaks TLS from the first byte with {@code context} (Twisted: {@code listenSSL}, {@code
   * connectSSL}, the {@code ssl:} endpoints): a server context ({@code
   * SslContextBuilder.forServer(key, certificateChain)}, with {@code clientAuth(REQUIRE)} and a
   * trust manager to require client certificates) on a server, a client context ({@code
   * SslContextBuilder.forClient()}, with {@code keyManager} for a client certificate) on a client.
   *
   * <p>A client verifies the server: its certificate chain against the context's trust manager
   * (the JDK's default trust store unless one is given), and that the certificate names the host
   * passed to {@code connect} ({@code HTTPS} endpoint identification; see {@link
   * AmpClient.Builder#insecureSkipHostnameVerification()}). A failed handshake fails the connect
   * with a {@link TlsHandshakeException}. Use Netty's JDK provider ({@code SslProvider.JDK}, the
   * default without netty-tcnative).
   */
  public B sslContext(SslContext context) {
    this.sslContext = Objects.requireNonNull(context, "context");
    return self();
  }

  /**
   * Answers the peer's {@code StartTLS} command (Twisted's {@code amp.StartTLS}) on every
   * connection: the empty answer goes out in plain text, then TLS starts with {@code context}. The
   * side that opened the TCP connection is the TLS client, whichever side asked (as in Twisted), so
   * a server takes a server context and a client a client context, verified as for {@link
   * #sslContext}. Without this option a peer's StartTLS goes to the locator (and is unhandled unless
   * it answers it). To ask the peer, see {@link AmpConnection#startTls}.
   */
  public B acceptStartTls(SslContext context) {
    this.startTlsContext = Objects.requireNonNull(context, "context");
    return self();
  }

  ConnectionSetup setup() {
    ConnectionSetup setup =
        new ConnectionSetup(
            locatorFactory, receiverFactory, maxKeyLength, maxValueLength, maxBoxBytes, onConnection);
    setup.sslContext = sslContext;
    setup.startTlsContext = startTlsContext;
    setup.verifyHostname = verifyHostname;
    setup.writeBufferWaterMark = writeBufferWaterMark;
    setup.transportOptions = transportOptions;
    return setup.withCallOptions(callOptions());
  }

  /** Checks that the TLS contexts are for this side: {@code server} true on a server. */
  void checkTlsRole(boolean server) {
    for (SslContext c : new SslContext[] {sslContext, startTlsContext}) {
      if (c != null && c.isServer() != server) {
        throw new IllegalArgumentException(
            "a " + (server ? "server" : "client") + " SslContext is needed here (got a "
                + (server ? "client" : "server") + " one)");
      }
    }
  }
}
