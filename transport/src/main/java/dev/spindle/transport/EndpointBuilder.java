package dev.spindle.transport;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the builders of AMP's and PB's clients and servers share, with one set of defaults: the
 * event loops, write-side flow control, call limits and timeouts, keepalive, TLS, and the
 * connections' time limits and memory budget ({@link TransportOptions}). Not thread-safe.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class EndpointBuilder<B extends EndpointBuilder<B>> {
  /**
   * Default write high-water mark of a connection, in bytes (16 MiB, as OkHttp bounds a WebSocket's
   * outgoing queue): high enough that pipelining many large calls (100 AMP calls of 60 KiB) is not
   * refused, low enough that a peer that stops reading costs a bounded amount of memory. PB's
   * pagers pace themselves on a smaller mark of their own.
   */
  public static final int DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK = 16 * 1024 * 1024;

  /** Default write low-water mark of a connection, in bytes (8 MiB). */
  public static final int DEFAULT_WRITE_BUFFER_LOW_WATER_MARK = 8 * 1024 * 1024;

  /**
   * Twisted has no limit on outstanding calls; this default bounds the calls waiting for answers
   * (each way) per connection, far above what a well-behaved peer pipelines.
   */
  public static final int DEFAULT_MAX_OUTSTANDING_CALLS = 10_000;

  /** The user's event loops; null: a client's shared ones, a server's own. */
  protected EventLoopGroup group;
  /** The transport of the endpoint's own (or the clients' shared) event loops, not a user's group. */
  protected IoTransport ioTransport = IoTransport.AUTO;
  /** Set on each channel. */
  protected WriteBufferWaterMark writeBufferWaterMark =
      new WriteBufferWaterMark(DEFAULT_WRITE_BUFFER_LOW_WATER_MARK, DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK);
  /** How long a call waits for its answer; 0: no limit. */
  protected long callTimeoutNanos;
  /** This side's calls waiting for answers, at most. */
  protected int maxOutstandingCalls = DEFAULT_MAX_OUTSTANDING_CALLS;
  /** The peer's calls waiting for this side's answers, at most. */
  protected int maxPeerOutstandingCalls = DEFAULT_MAX_OUTSTANDING_CALLS;
  /** Keepalive; null: off. */
  protected Duration keepaliveInterval;
  /** Keepalive's wait for any byte from the peer. */
  protected Duration keepaliveTimeout;
  /** TLS from the first byte; null: plain TCP. */
  protected SslContext sslContext;
  /** Whether a client checks that the server's certificate names the host connected to. */
  protected boolean verifyHostname = true;
  /** Time limits and the memory budget. */
  protected TransportOptions transportOptions = TransportOptions.DEFAULT;

  /** Where {@link Blocking} calls run; null: {@link BlockingExecutor#defaultExecutor()}. */
  protected BlockingExecutor blockingExecutor;
  /** Whether every call of the peer is blocking. */
  protected boolean blockingCalls;
  /** Interceptors of the peer's calls, outermost first. */
  protected final List<CallInterceptor> serverInterceptors = new ArrayList<>();
  /** Interceptors of this side's calls, outermost first. */
  protected final List<CallInterceptor> clientInterceptors = new ArrayList<>();
  /** Connection listeners, in order. */
  protected final List<ConnectionListener> connectionListeners = new ArrayList<>();
  /** Whether the connection's context is put in the MDC. */
  protected boolean logContext = true;
  /** Whether one INFO line is logged per connection opened and closed. */
  protected boolean logConnections;

  /** For subclasses. */
  protected EndpointBuilder() {}

  /**
   * Runs the calls declared {@link Blocking} (or all the peer's calls, with {@link
   * #blockingCalls(boolean)}) on {@code executor} instead of the connection's event loop. Default:
   * {@link BlockingExecutor#defaultExecutor()} (virtual threads where the runtime has them, at most
   * {@value BlockingExecutor#DEFAULT_MAX_CALLS} calls held). See {@link BlockingExecutor} for the
   * bound and for what is ordered.
   *
   * @param executor where blocking calls run; not null
   * @return this builder
   */
  public B blockingExecutor(BlockingExecutor executor) {
    this.blockingExecutor = Objects.requireNonNull(executor, "executor");
    return self();
  }

  /**
   * Declares every responder, remote method and login of this endpoint {@link Blocking} (default
   * false: only those annotated).
   *
   * @param blocking true to run every call of the peer on the blocking executor
   * @return this builder
   */
  public B blockingCalls(boolean blocking) {
    this.blockingCalls = blocking;
    return self();
  }

  /**
   * Adds interceptors of the peer's calls (to responders and remote methods), after those added
   * before: the first added is outermost. See {@link CallInterceptor}.
   *
   * @param interceptors the interceptors, outermost first; none null
   * @return this builder
   */
  public B intercept(CallInterceptor... interceptors) {
    for (CallInterceptor i : interceptors) {
      serverInterceptors.add(Objects.requireNonNull(i, "interceptor"));
    }
    return self();
  }

  /**
   * Adds interceptors of this side's calls ({@code callRemote}), after those added before: the
   * first added is outermost. See {@link CallInterceptor}.
   *
   * @param interceptors the interceptors, outermost first; none null
   * @return this builder
   */
  public B interceptClientCalls(CallInterceptor... interceptors) {
    for (CallInterceptor i : interceptors) {
      clientInterceptors.add(Objects.requireNonNull(i, "interceptor"));
    }
    return self();
  }

  /**
   * Adds a listener of this endpoint's connections (for metrics). See {@link ConnectionListener}.
   *
   * @param listener told of each connection's events, in the order listeners were added; not null
   * @return this builder
   */
  public B connectionListener(ConnectionListener listener) {
    connectionListeners.add(Objects.requireNonNull(listener, "listener"));
    return self();
  }

  /**
   * Whether the connection's id, peer address, protocol and (after a PB login) avatar id are put in
   * the SLF4J MDC ({@code spindle.conn}, {@code spindle.peer}, {@code spindle.protocol}, {@code
   * spindle.avatar}) while its input is handled and while its blocking calls run, so that
   * everything logged about it then says which connection it is (default true).
   *
   * @param on true to put the connection's context in the MDC, false to leave the MDC alone
   * @return this builder
   */
  public B logContext(boolean on) {
    this.logContext = on;
    return self();
  }

  /**
   * Logs one INFO line when each connection opens and one when it closes (its duration, the
   * peer's calls, bytes read and written, and why it closed), on the logger {@code
   * dev.spindle.connections}. Default false: a busy server opens many connections; turn it on, or
   * set that logger's level, where the lines are wanted.
   *
   * @param on true to log a line per connection opened and closed
   * @return this builder
   */
  public B logConnections(boolean on) {
    this.logConnections = on;
    return self();
  }

  /**
   * Runs the connections on {@code group}, which the caller owns and shuts down. Without it a
   * server creates its own group of the {@link #ioTransport} transport (non-daemon threads: a
   * running server keeps the JVM alive, as a Twisted reactor does) and shuts it down on close;
   * clients share one group per JVM and transport (daemon threads, created for the first client
   * and shut down when the last one closes). Any I/O type Netty offers works
   * (NIO, epoll, io_uring, kqueue, local): the channel class is chosen to fit the group.
   *
   * @param group the event loops, owned by the caller; not null
   * @return this builder
   */
  public B eventLoopGroup(EventLoopGroup group) {
    this.group = Objects.requireNonNull(group, "group");
    return self();
  }

  /**
   * The I/O transport of the event loops a server creates for itself, or of the shared client
   * loops a client uses (default {@link
   * IoTransport#AUTO}: epoll, io_uring or NIO, whichever works first, unless the system property
   * {@value IoTransport#PROPERTY} names one). Not used with {@link #eventLoopGroup}. A native
   * transport the platform lacks fails the build with the reason.
   *
   * @param transport the I/O transport of the loops the endpoint creates or shares; not null
   * @return this builder
   */
  public B ioTransport(IoTransport transport) {
    this.ioTransport = Objects.requireNonNull(transport, "transport");
    return self();
  }

  /**
   * How much each connection buffers for a peer that does not read (default {@value
   * #DEFAULT_WRITE_BUFFER_LOW_WATER_MARK} and {@value #DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK}
   * bytes). Once the bytes waiting to be written (Netty's outbound buffer plus calls queued from
   * other threads) pass {@code high}, calls fail with the protocol's backpressure exception ({@code
   * AmpBackpressureException}, {@code PbBackpressureException}) and the connection stops reading
   * the peer's requests; both resume once the buffer drains below {@code low}. Set on the channel
   * as Netty's {@link WriteBufferWaterMark}.
   *
   * @param low the mark, in bytes, below which writing and reading resume; 0 to {@code high}
   * @param high the mark, in bytes, above which calls fail and reading stops; positive
   * @return this builder
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

  /**
   * How long each call waits for its answer before failing with the protocol's timeout exception
   * ({@code AmpTimeoutException}, {@code PbTimeoutException}); default {@link Duration#ZERO}: no
   * limit, as in Twisted. {@code withTimeout} on a connection or reference overrides it.
   *
   * @param timeout each call's limit; {@link Duration#ZERO} for none, never negative; not null
   * @return this builder
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public B callTimeout(Duration timeout) {
    this.callTimeoutNanos = timeoutNanos(timeout, "callTimeout");
    return self();
  }

  /**
   * The most calls of this side that may wait for answers on one connection (default {@value
   * #DEFAULT_MAX_OUTSTANDING_CALLS}); one more fails at once with the protocol's "too many calls"
   * exception, nothing sent. Calls that want no answer are not counted.
   *
   * @param maxOutstandingCalls calls waiting for answers per connection, at most; 1 or more
   * @return this builder
   * @throws IllegalArgumentException if {@code maxOutstandingCalls} is less than 1
   */
  public B maxOutstandingCalls(int maxOutstandingCalls) {
    this.maxOutstandingCalls = atLeastOne(maxOutstandingCalls, "maxOutstandingCalls");
    return self();
  }

  /**
   * The most calls of the peer that may wait for this side's answer on one connection (default
   * {@value #DEFAULT_MAX_OUTSTANDING_CALLS}): calls whose handler returned a {@code
   * CompletionStage} not yet complete. One more is not run; the peer gets an error answer (AMP:
   * code {@code TOO_MANY_CALLS}, which a Twisted caller sees as {@code UnknownRemoteError}; PB: a
   * {@code pb.Error}) and the connection stays open.
   *
   * @param maxPeerOutstandingCalls the peer's calls waiting for answers per connection, at most; 1
   *     or more
   * @return this builder
   * @throws IllegalArgumentException if {@code maxPeerOutstandingCalls} is less than 1
   */
  public B maxPeerOutstandingCalls(int maxPeerOutstandingCalls) {
    this.maxPeerOutstandingCalls = atLeastOne(maxPeerOutstandingCalls, "maxPeerOutstandingCalls");
    return self();
  }

  /**
   * Opt-in keepalive, to detect a half-open connection: once nothing has been read for {@code
   * interval}, this side sends a ping the peer answers without side effects (AMP: the command
   * {@code spindle-keepalive}, answered {@code UNHANDLED}; PB: a call to object id 0, answered
   * {@code pb.Error("Invalid Object ID")}; neither logged by Twisted). Any bytes from the peer
   * prove it alive. With nothing within {@code timeout} the connection is closed and its pending
   * calls fail with the protocol's "connection lost", whether or not the ping could be written (a
   * peer that stopped reading fills the write buffer; grpc-java's keepalive does the same).
   * Default: off.
   *
   * @param interval the read silence after which a ping is sent; positive, not null
   * @param timeout how long to wait for any byte after the ping; positive, not null
   * @return this builder
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

  /**
   * Speaks TLS from the first byte with {@code context} (Twisted: {@code listenSSL}, {@code
   * connectSSL}, the {@code ssl:} endpoints): a server context ({@code
   * SslContextBuilder.forServer(key, certificateChain)}, with {@code clientAuth(REQUIRE)} and a
   * trust manager to require client certificates) on a server, a client context ({@code
   * SslContextBuilder.forClient()}, with {@code keyManager} for a client certificate) on a client.
   *
   * <p>A client verifies the server: its certificate chain against the context's trust manager
   * (the JDK's default trust store unless one is given), and that the certificate names the host
   * passed to {@code connect} ({@code HTTPS} endpoint identification; see the client builder's
   * {@code insecureSkipHostnameVerification()}). A failed handshake fails the connect with the
   * protocol's TLS handshake exception. Use Netty's JDK provider ({@code SslProvider.JDK}, the
   * default without netty-tcnative).
   *
   * @param context a Netty TLS context for this side (server or client); not null
   * @return this builder
   */
  public B sslContext(SslContext context) {
    this.sslContext = Objects.requireNonNull(context, "context");
    return self();
  }

  /**
   * The connections' handshake, frame and idle timeouts and, on a server, the memory budget for
   * unfinished frames; default {@link TransportOptions#DEFAULT} (see there for the values and
   * why). Each limit closes only the slow connection; each is turned off with zero.
   *
   * <pre>{@code
   * .transportOptions(TransportOptions.builder().idleTimeout(Duration.ofMinutes(10)).build())
   * }</pre>
   *
   * @param options the time limits and memory budget; not null
   * @return this builder
   */
  public B transportOptions(TransportOptions options) {
    this.transportOptions = Objects.requireNonNull(options, "options");
    return self();
  }

  /**
   * The time limits and budget set so far.
   *
   * @return the options set, or {@link TransportOptions#DEFAULT}
   */
  public TransportOptions transportOptions() {
    return transportOptions;
  }

  /**
   * Checks that the TLS contexts are for this side.
   *
   * @param server true on a server builder, false on a client builder
   * @param more other contexts the subclass holds, besides {@link #sslContext}; may hold nulls
   * @throws IllegalArgumentException if one is for the other side
   */
  protected final void checkTlsRole(boolean server, SslContext... more) {
    checkRole(sslContext, server);
    for (SslContext c : more) {
      checkRole(c, server);
    }
  }

  private static void checkRole(SslContext c, boolean server) {
    if (c != null && c.isServer() != server) {
      throw new IllegalArgumentException(
          "a " + (server ? "server" : "client") + " SslContext is needed here (got a "
              + (server ? "client" : "server") + " one)");
    }
  }

  /**
   * {@code timeout} in nanoseconds, saturated.
   *
   * @param timeout the duration, zero or positive; not null
   * @param name the option's name, used in the exception's message
   * @return the duration in nanoseconds, {@link Long#MAX_VALUE} if it does not fit
   * @throws IllegalArgumentException if it is negative
   */
  public static long timeoutNanos(Duration timeout, String name) {
    Objects.requireNonNull(timeout, name);
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(name + ": " + timeout + " (expected: >= 0)");
    }
    try {
      return timeout.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static int atLeastOne(int n, String name) {
    if (n < 1) {
      throw new IllegalArgumentException(name + ": " + n + " (expected: >= 1)");
    }
    return n;
  }

  /**
   * This builder, as its concrete type.
   *
   * @return {@code this}, cast to {@code B}
   */
  @SuppressWarnings("unchecked")
  protected final B self() {
    return (B) this;
  }
}
