package dev.spindle.pb;

import dev.spindle.pb.banana.BananaRole;
import java.lang.ref.Cleaner;

import dev.spindle.transport.EndpointBuilder;
import dev.spindle.transport.internal.ChannelSettings;


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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
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
  /** The copy registrations of {@link #remoteCopy} and {@link #copy}, applied at build time. */
  final List<Consumer<JellyRegistry.Builder>> copies = new ArrayList<>();
  /** Every type name registered on this builder, copies and caches. */
  private final Set<String> typeNames = new HashSet<>();
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
   *
   * @param registry the registry of received classes and the security options
   * @return this builder
   */
  public B jelly(JellyRegistry registry) {
    this.jelly = Objects.requireNonNull(registry, "registry");
    return self();
  }

  /**
   * Rebuilds the peer's Cacheables sent as {@code typeName} with new instances of a {@link
   * RemoteCache} subclass. Twisted: {@code setUnjellyableForClass(typeName, RemoteCacheSubclass)}.
   * One of the four registrations of what the peer sends, beside {@link #remoteCopy}, {@link
   * #remoteCopyAnyState} and {@link #copy}.
   *
   * @param typeName the type name the peer sends, for example {@code myapp.Counter}
   * @param factory makes a new, unbound instance for each cache received
   * @return this builder
   * @throws IllegalArgumentException if {@code typeName} is already registered on this builder
   */
  public B remoteCache(String typeName, Supplier<? extends RemoteCache> factory) {
    Objects.requireNonNull(typeName, "typeName");
    Objects.requireNonNull(factory, "factory");
    claim(typeName);
    caches.put(typeName, factory);
    return self();
  }

  /**
   * Receives the peer's copies sent as {@code typeName} (a Twisted {@code pb.Copyable}, or a Java
   * {@link dev.spindle.pb.flavors.Copyable}) as instances of {@code type} made by {@code factory}
   * from the received attributes: Twisted's {@code setUnjellyableForClass(typeName,
   * RemoteCopySubclass)}. Receive-only: no state function; this side sends {@code type}'s
   * instances only if they are {@code Copyable} (or registered with {@link #copy}).
   *
   * <pre>{@code
   * PbClient.builder()
   *     .remoteCopy("buildbot.changes.changes.Change", Change.class, s -> new Change((String) s.get("who")))
   *     .remoteCache("myapp.Counter", RemoteCounter::new)
   *     .build();
   * }</pre>
   *
   * <p>The names registered here are added to the registry given to {@link #jelly} (or to an
   * empty one) and allowed by its default security options. A state that is not a dictionary is
   * refused ({@code JellyAttributeException}, an {@code AttributeError} to Python, as Twisted's
   * {@code RemoteCopy.setCopyableState} fails); {@link
   * #remoteCopyAnyState} takes any state.
   *
   * @param <T> the Java type
   * @param typeName the type name the peer sends, for example {@code
   *     buildbot.changes.changes.Change}
   * @param type the Java class the copies are rebuilt as
   * @param factory makes an instance from the received attributes, keyed by text
   * @return this builder
   * @throws IllegalArgumentException if {@code typeName} is already registered on this builder
   */
  public <T> B remoteCopy(String typeName, Class<T> type,
      Function<? super Map<String, Object>, ? extends T> factory) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(factory, "factory");
    claim(typeName);
    copies.add(r -> r.receive(typeName, type, factory));
    return self();
  }

  /**
   * As {@link #remoteCopy}, for copies whose state is any Jelly value (a Twisted class with its
   * own {@code getStateToCopy}/{@code setCopyableState} may send a list, a string...), given to
   * {@code factory} as unjellied.
   *
   * @param <T> the Java type
   * @param typeName the type name the peer sends
   * @param type the Java class the copies are rebuilt as
   * @param factory makes an instance from the received state, as unjellied
   * @return this builder
   * @throws IllegalArgumentException if {@code typeName} is already registered on this builder
   */
  public <T> B remoteCopyAnyState(String typeName, Class<T> type,
      Function<Object, ? extends T> factory) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(factory, "factory");
    claim(typeName);
    copies.add(r -> r.receiveAnyState(typeName, type, factory));
    return self();
  }

  /**
   * Sends {@code type}'s instances as copies named {@code typeName} with the attributes {@code
   * state} returns, and receives that name back through {@code factory}: both ways, without
   * implementing {@code Copyable} (for classes you cannot change). If {@code type} is a {@link
   * dev.spindle.pb.flavors.Copyable} too, its own {@code getTypeToCopy}/{@code getStateToCopy}
   * win when sending. Same as {@code JellyRegistry.Builder.register}.
   *
   * @param <T> the Java type
   * @param typeName the type name sent and received, for example {@code shapes.Point}
   * @param type the exact Java class (subclasses are not matched)
   * @param state the attributes to send, in the map's iteration order
   * @param factory makes an instance from the received attributes, keyed by text
   * @return this builder
   * @throws IllegalArgumentException if {@code typeName} is already registered on this builder
   */
  public <T> B copy(String typeName, Class<T> type,
      Function<? super T, ? extends Map<String, ?>> state,
      Function<? super Map<String, Object>, ? extends T> factory) {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(factory, "factory");
    claim(typeName);
    copies.add(r -> r.register(typeName, type, state, factory));
    return self();
  }

  private void claim(String typeName) {
    Objects.requireNonNull(typeName, "typeName");
    if (!typeNames.add(typeName)) {
      throw new IllegalArgumentException("typeName: " + typeName + " (expected: registered once)");
    }
  }

  /** The registry of {@link #jelly}, with this builder's copy registrations added. */
  JellyRegistry jellyRegistry() {
    if (copies.isEmpty()) {
      return jelly;
    }
    JellyRegistry.Builder b = jelly == null ? JellyRegistry.builder() : jelly.toBuilder();
    for (Consumer<JellyRegistry.Builder> copy : copies) {
      copy.accept(b);
    }
    return b.build();
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
   *
   * @param type the exception class, matched exactly
   * @param pythonName the Python qualified type name, for example {@code builtins.ValueError}
   * @param parents the Python base classes' qualified names, most specific first
   * @return this builder
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
   *
   * @param pythonType the Python qualified type name, for example {@code builtins.KeyError}
   * @param factory makes the exception from the remote failure, or returns {@code null}
   * @return this builder
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
   *
   * @param maxBrokerRefs the most exported objects per connection, 0 or more
   * @return this builder
   * @throws IllegalArgumentException if {@code maxBrokerRefs} is negative
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
   *
   * @param unsafeTracebacks true to send Java stack traces to the peer
   * @return this builder
   */
  public B unsafeTracebacks(boolean unsafeTracebacks) {
    this.unsafeTracebacks = unsafeTracebacks;
    return self();
  }

  /**
   * The Banana limits for both directions; default {@link BananaLimits#DEFAULT} (Twisted's).
   *
   * @param limits the limits of decoded and encoded expressions
   * @return this builder
   */
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
   *
   * @param bytes the write mark in bytes, 0 or more; 0 for the connection's marks only
   * @return this builder
   * @throws IllegalArgumentException if {@code bytes} is negative
   */
  public B pagerWriteMark(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("pagerWriteMark: " + bytes + " (expected: >= 0)");
    }
    this.pagerWriteMark = bytes;
    return self();
  }

  /**
   * Called with each new connection, on its event loop, before anything is read.
   *
   * @param callback receives each new connection; it should not block
   * @return this builder
   */
  public B onConnection(Consumer<PbConnection> callback) {
    this.onConnection = Objects.requireNonNull(callback, "callback");
    return self();
  }

  /**
   * Whether a {@link RemoteReference} that becomes unreachable without {@link
   * RemoteReference#release()} is released by a {@link java.lang.ref.Cleaner} (default true).
   * Turn it off to decide every {@code decref} explicitly.
   *
   * @param autoRelease false to release references only explicitly
   * @return this builder
   */
  public B autoRelease(boolean autoRelease) {
    this.autoRelease = autoRelease;
    return self();
  }

  /** The per-connection setup these options make. */
  PbSetup setup(BananaRole role, Object root) {
    boolean server = role == BananaRole.SERVER;
    PbSetup s = new PbSetup(
        new ChannelSettings(sslContext, verifyHostname, writeBufferWaterMark, transportOptions, server),
        brokerConfig(), bananaLimits, role, root, autoRelease ? Cleaner.create() : null);
    s.onConnection = onConnection;
    s.callTimeoutNanos = callTimeoutNanos;
    s.keepaliveInterval = keepaliveInterval;
    s.keepaliveTimeout = keepaliveTimeout;
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
    JellyRegistry registry = jellyRegistry();
    if (registry != null) {
      b.jelly(registry);
    }
    for (Map.Entry<String, Supplier<? extends RemoteCache>> e : caches.entrySet()) {
      b.remoteCache(e.getKey(), e.getValue());
    }
    return b.build();
  }
}
