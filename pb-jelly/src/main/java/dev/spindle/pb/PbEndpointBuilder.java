package dev.spindle.pb;

import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.broker.BrokerConfig;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.login.LoginFailures;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
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
  WriteBufferWaterMark writeBufferWaterMark =
      new WriteBufferWaterMark(DEFAULT_WRITE_BUFFER_LOW_WATER_MARK, DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK);

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

  BrokerConfig brokerConfig() {
    BrokerConfig.Builder b = BrokerConfig.builder()
        .maxBrokerRefs(maxBrokerRefs)
        .unsafeTracebacks(unsafeTracebacks)
        .failureTranslator(LoginFailures.TRANSLATOR)
        .references(RemoteReference::received);
    if (jelly != null) {
      b.jelly(jelly);
    }
    for (Map.Entry<String, Supplier<? extends RemoteCache>> e : caches.entrySet()) {
      b.remoteCache(e.getKey(), e.getValue());
    }
    return b.build();
  }
}
