package dev.spindle.pb;

import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.broker.BrokerConfig;
import dev.spindle.pb.broker.PythonNames;
import dev.spindle.pb.exceptions.PbBackpressureException;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.PbTimeoutException;
import dev.spindle.pb.exceptions.PbTlsHandshakeException;
import dev.spindle.pb.exceptions.PbTooManyCallsException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.login.LoginFailures;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The options {@link PbServer.Builder} and {@link PbClient.Builder} share: what may be received
 * (the Jelly registry and RemoteCache types), the limits, tracebacks, and the event loops.
 *
 * @param <B> the concrete builder
 */
public abstract class PbEndpointBuilder<B extends PbEndpointBuilder<B>> {
  /**
   * Twisted has no limit on outstanding calls; this default bounds the calls waiting for answers
   * (each way) per connection, far above what a well-behaved peer pipelines.
   */
  public static final int DEFAULT_MAX_OUTSTANDING_CALLS = BrokerConfig.DEFAULT_MAX_OUTSTANDING_CALLS;

  /** Default write high-water mark of a connection, in bytes (1 MiB). */
  public static final int DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK = 1024 * 1024;

  /** Default write low-water mark of a connection, in bytes (512 KiB). */
  public static final int DEFAULT_WRITE_BUFFER_LOW_WATER_MARK = 512 * 1024;

  JellyRegistry jelly;
  final LinkedHashMap<String, Supplier<? extends RemoteCache>> caches = new LinkedHashMap<>();
  int maxBrokerRefs = BrokerConfig.MAX_BROKER_REFS;
  boolean unsafeTracebacks;
  BananaLimits bananaLimits = BananaLimits.DEFAULT;
  EventLoopGroup group;
  Consumer<PbConnection> onConnection;
  boolean autoRelease = true;
  long callTimeoutNanos;
  int maxOutstandingCalls = DEFAULT_MAX_OUTSTANDING_CALLS;
  int maxPeerOutstandingCalls = DEFAULT_MAX_OUTSTANDING_CALLS;
  Duration keepaliveInterval;
  Duration keepaliveTimeout;
  SslContext sslContext;
  boolean verifyHostname = true;
  WriteBufferWaterMark writeBufferWaterMark =
      new WriteBufferWaterMark(DEFAULT_WRITE_BUFFER_LOW_WATER_MARK, DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK);

  final PythonNames.Builder pythonNames = PythonNames.builder();

  PbEndpointBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * The copy classes this side can receive and the allow-list of what it unjellies (Twisted's
   * {@code security} option); default: {@code SecurityOptions.globalSecurity()} and nothing
   * registered. Register each class the peer sends as a Copyable under the peer's type name, for
   * example {@code register("goldens.CopyPoint", Point.class, ...)}. PB's own heads ({@code
   * remote}, {@code local}, {@code cached}, {@code lcache}, {@code
   * twisted.spread.pb.CopyableFailure}) are added for you.
   */
  public B jelly(JellyRegistry registry) {
    this.jelly = Objects.requireNonNull(registry, "registry");
    return self();
  }

  /**
   * Rebuilds the peer's Cacheables sent as {@code typeName} with new instances of a {@link
   * RemoteCache} subclass. Twisted: {@code setUnjellyableForClass(typeName, RemoteCacheSubclass)}.
   */
  public B remoteCache(String typeName, Supplier<? extends RemoteCache> factory) {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(factory, "factory");
    if (caches.putIfAbsent(typeName, factory) != null) {
      throw new IllegalArgumentException("typeName: " + typeName + " (expected: registered once)");
    }
    return self();
  }

  /**
   * Sends exceptions of exactly class {@code type} under the Python type {@code pythonName},
   * deriving from {@code parents} (most specific first; {@code builtins.Exception}, {@code
   * BaseException} and {@code object} are always added), so that the peer's {@code
   * failure.trap(...)} matches it: for classes you cannot annotate with {@link
   * dev.spindle.pb.flavors.PythonName @PythonName}. Subclasses keep their Java names, with this
   * one among their parents. Applies to the failures of remote methods and to {@link
   * CopyableFailure#of(Throwable)} values sent on these connections.
   *
   * <pre>{@code
   * .pythonName(IllegalArgumentException.class, "builtins.ValueError")
   * .pythonName(SinkFullException.class, "mymodule.SinkError", "builtins.IOError")
   * }</pre>
   */
  public B pythonName(Class<? extends Throwable> type, String pythonName, String... parents) {
    Objects.requireNonNull(type, "type");
    pythonNames.name(type, pythonName, java.util.List.of(parents));
    return self();
  }

  /**
   * Reads a call's failure whose Python type is {@code pythonType}, or derives from it, into
   * {@code factory}'s exception: the call's future fails with it, its cause the {@link
   * RemotePbException}. The most specific type with a factory wins. A factory returning null
   * leaves the {@code RemotePbException}.
   *
   * <pre>{@code
   * .remoteException("builtins.KeyError", e -> new NoSuchElementException(e.value()))
   * .remoteException("mymodule.SinkError", e -> new SinkFullException(e.value()))
   * }</pre>
   */
  public B remoteException(String pythonType,
      java.util.function.Function<? super RemotePbException, ? extends Throwable> factory) {
    pythonNames.reader(pythonType, factory);
    return self();
  }

  /**
   * The most objects one connection exports at once (and, separately, Cacheables): default
   * 1,024, Twisted's {@code MAX_BROKER_REFS}. Sending a new one beyond fails with {@code
   * pb.Error("Maximum PB reference count exceeded.")}; the fourth time also closes the connection.
   */
  public B maxBrokerRefs(int maxBrokerRefs) {
    if (maxBrokerRefs < 0) {
      throw new IllegalArgumentException("maxBrokerRefs: " + maxBrokerRefs + " (expected: >= 0)");
    }
    this.maxBrokerRefs = maxBrokerRefs;
    return self();
  }

  /**
   * Sends the Java stack trace with each failure instead of {@code "Traceback unavailable\n"}
   * (default false, as Twisted's factories; it reveals internals to the peer).
   */
  public B unsafeTracebacks(boolean unsafeTracebacks) {
    this.unsafeTracebacks = unsafeTracebacks;
    return self();
  }

  /** The Banana limits for both directions; default {@link BananaLimits#DEFAULT} (Twisted's). */
  public B bananaLimits(BananaLimits limits) {
    this.bananaLimits = Objects.requireNonNull(limits, "limits");
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
   * How much each connection buffers for a peer that does not read (default {@value
   * #DEFAULT_WRITE_BUFFER_LOW_WATER_MARK} and {@value #DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK}
   * bytes). Once the bytes waiting to be written (Netty's outbound buffer plus calls queued from
   * other threads) pass {@code high}, calls fail with {@link PbBackpressureException}, pagers
   * wait, and the connection stops reading the peer's messages; all resume once the buffer drains
   * below {@code low}. Set on the channel as Netty's {@link WriteBufferWaterMark}. See {@link
   * PbConnection}.
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

  /** Called with each new connection, on its event loop, before anything is read. */
  public B onConnection(Consumer<PbConnection> callback) {
    this.onConnection = Objects.requireNonNull(callback, "callback");
    return self();
  }

  /**
   * Whether a {@link RemoteReference} that becomes unreachable without {@link
   * RemoteReference#release()} is released by a {@link java.lang.ref.Cleaner} (default true).
   * Turn it off to decide every {@code decref} explicitly.
   */
  public B autoRelease(boolean autoRelease) {
    this.autoRelease = autoRelease;
    return self();
  }

  /**
   * How long each call waits for its answer before failing with {@link PbTimeoutException}
   * (default {@link Duration#ZERO}: no limit, as in Twisted). {@link RemoteReference#withTimeout}
   * overrides it per reference.
   */
  public B callTimeout(Duration timeout) {
    this.callTimeoutNanos = timeoutNanos(timeout, "callTimeout");
    return self();
  }

  /**
   * The most calls of this side that may wait for answers on one connection (default {@value
   * #DEFAULT_MAX_OUTSTANDING_CALLS}); one more fails at once with {@link
   * PbTooManyCallsException}, nothing sent. Calls that want no answer are not counted.
   */
  public B maxOutstandingCalls(int maxOutstandingCalls) {
    if (maxOutstandingCalls < 1) {
      throw new IllegalArgumentException("maxOutstandingCalls: " + maxOutstandingCalls + " (expected: >= 1)");
    }
    this.maxOutstandingCalls = maxOutstandingCalls;
    return self();
  }

  /**
   * The most calls of the peer that may wait for this side's answer on one connection (default
   * {@value #DEFAULT_MAX_OUTSTANDING_CALLS}): calls whose remote method returned a
   * {@code CompletionStage} not yet complete. One more is not run; the peer gets a {@code
   * pb.Error("Too many outstanding calls: ...")} answer (a Twisted caller's Deferred fails with
   * it) and the connection stays open. One more that wants no answer is dropped.
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
   * interval}, this side sends {@code ["message", id, 0, "keepalive", 1, [], {}]}, a call to
   * object id 0, which neither Twisted nor Spindle ever assigns (luids count from 1). Twisted's
   * {@code Broker._recvMessage} answers it with a {@code pb.Error("Invalid Object ID")} failure
   * without logging and without unserializing anything, and Spindle does the same: no side effect
   * on the peer. Any answer proves it alive; with none within {@code timeout} the connection is
   * closed and its pending calls fail with {@link PbConnectionLostException}. Default: off.
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

  static long timeoutNanos(Duration timeout, String name) {
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
   * PbClient.Builder#insecureSkipHostnameVerification()}). A failed handshake fails the connect
   * with a {@link PbTlsHandshakeException}. PB's login challenge is MD5 over what it can see: use
   * TLS whenever the network is not trusted.
   */
  public B sslContext(SslContext context) {
    this.sslContext = Objects.requireNonNull(context, "context");
    return self();
  }

  /** Checks that the TLS context is for this side. */
  void checkTlsRole(boolean server) {
    if (sslContext != null && sslContext.isServer() != server) {
      throw new IllegalArgumentException(
          "a " + (server ? "server" : "client") + " SslContext is needed here (got a "
              + (server ? "client" : "server") + " one)");
    }
  }

  BrokerConfig brokerConfig() {
    BrokerConfig.Builder b = BrokerConfig.builder()
        .maxBrokerRefs(maxBrokerRefs)
        .maxOutstandingCalls(maxOutstandingCalls)
        .maxPeerOutstandingCalls(maxPeerOutstandingCalls)
        .unsafeTracebacks(unsafeTracebacks)
        .failureTranslator(LoginFailures.TRANSLATOR)
        .pythonNames(pythonNames.build())
        .failureValues(CopyableFailure::received, v -> v instanceof CopyableFailure f ? f.toException() : null);
    if (jelly != null) {
      b.jelly(jelly);
    }
    for (Map.Entry<String, Supplier<? extends RemoteCache>> e : caches.entrySet()) {
      b.remoteCache(e.getKey(), e.getValue());
    }
    return b.build();
  }
}
