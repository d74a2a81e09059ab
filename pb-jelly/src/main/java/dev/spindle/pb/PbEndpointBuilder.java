package dev.spindle.pb;

import dev.spindle.pb.banana.BananaRole;
import java.lang.ref.Cleaner;

import dev.spindle.transport.EndpointBuilder;


import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.broker.BrokerConfig;
import dev.spindle.transport.internal.CallHooks;
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
public abstract class PbEndpointBuilder<B extends PbEndpointBuilder<B>> extends EndpointBuilder<B> {
  /**
   * Default {@link #pagerWriteMark}: 1 MiB, what PB's pagers paced on when it was PB's write
   * high-water mark.
   */
  public static final int DEFAULT_PAGER_WRITE_MARK = 1024 * 1024;

  JellyRegistry jelly;
  final LinkedHashMap<String, Supplier<? extends RemoteCache>> caches = new LinkedHashMap<>();
  int maxBrokerRefs = BrokerConfig.MAX_BROKER_REFS;
  boolean unsafeTracebacks;
  BananaLimits bananaLimits = BananaLimits.DEFAULT;
  Consumer<PbConnection> onConnection;
  boolean autoRelease = true;
  int pagerWriteMark = DEFAULT_PAGER_WRITE_MARK;

  final PythonNames.Builder pythonNames = PythonNames.builder();

  PbEndpointBuilder() {}

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
   * How many bytes may wait to be written before PB's pagers ({@code dev.spindle.pb.util.Pager})
   * stop producing pages (default {@value #DEFAULT_PAGER_WRITE_MARK}): they go on once what was
   * queued before has been written. Below the connection's write high-water mark, so that paging
   * a large file never fills the buffer that calls and answers need. 0: pagers pace on the
   * connection's write marks only.
   */
  public B pagerWriteMark(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("pagerWriteMark: " + bytes + " (expected: >= 0)");
    }
    this.pagerWriteMark = bytes;
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

  /** The per-connection setup these options make. */
  PbSetup setup(BananaRole role, Object root) {
    PbSetup s = new PbSetup(brokerConfig(), bananaLimits, role, root, autoRelease ? Cleaner.create() : null);
    s.onConnection = onConnection;
    s.callTimeoutNanos = callTimeoutNanos;
    s.keepaliveInterval = keepaliveInterval;
    s.keepaliveTimeout = keepaliveTimeout;
    s.sslContext = sslContext;
    s.verifyHostname = verifyHostname;
    s.writeBufferWaterMark = writeBufferWaterMark;
    s.transportOptions = transportOptions;
    s.pagerWriteMark = pagerWriteMark;
    s.hooks = callHooks();
    return s;
  }

  /** The blocking executor, interceptors, listeners and log options set; null if none is. */
  CallHooks callHooks() {
    CallHooks hooks = new CallHooks(blockingExecutor, blockingCalls, serverInterceptors,
        clientInterceptors, connectionListeners, logContext, logConnections);
    return hooks.isEmpty() ? null : hooks;
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
