package dev.spindle.micrometer;

import dev.spindle.transport.CallInfo;
import dev.spindle.transport.CallInterceptor;
import dev.spindle.transport.CallRejectedException;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.ConnectionListener;
import dev.spindle.transport.EndpointBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Micrometer meters for AMP and PB endpoints: install on a builder with {@link #instrument}.
 *
 * <pre>{@code
 * SpindleMetrics metrics = SpindleMetrics.create(registry);
 * AmpServer server = metrics.instrument(AmpServer.builder().locator(locator)).start();
 * }</pre>
 *
 * <p>Meters (names after grpc-java's Micrometer ones, {@code grpc.server.*} becoming {@code
 * spindle.server.*}); every one is tagged {@code rpc.system} ({@code twisted_amp} or {@code
 * twisted_pb}), the call meters also {@code rpc.service} and {@code rpc.method}, and the connection
 * meters {@code side} ({@code server} or {@code client}):
 *
 * <ul>
 *   <li>{@code spindle.server.requests.received}, {@code spindle.client.requests.sent}: calls started.
 *   <li>{@code spindle.server.responses.sent}, {@code spindle.client.responses.received}: calls
 *       completed, tagged {@code status} ({@code OK}, the AMP code of a refusal, or the error's
 *       class name).
 *   <li>{@code spindle.server.processing.duration}, {@code spindle.client.processing.duration}:
 *       timers with percentile histograms, tagged {@code status} too.
 *   <li>{@code spindle.server.calls.active}, {@code spindle.client.calls.active}: calls in flight.
 *   <li>{@code spindle.connection.bytes.read}, {@code spindle.connection.bytes.written}.
 *   <li>{@code spindle.connections.open} (gauge), {@code spindle.connections.opened}, {@code
 *       spindle.connections.closed} (tagged {@code reason}: {@code normal} or the cause's class).
 *   <li>{@code spindle.connection.backpressure.pauses}: a connection's write buffer passed its
 *       high-water mark.
 *   <li>{@code spindle.protocol.errors}: connections closed for a protocol error.
 *   <li>{@code spindle.limit.violations}, tagged {@code limit}: calls refused ({@code
 *       blocking_executor}, {@code interceptor}) and connections closed for a limit ({@code
 *       length}, {@code outstanding_calls}, {@code timeout}, {@code memory}).
 *   <li>{@code spindle.logins}, tagged {@code result} ({@code success}, {@code failure}).
 * </ul>
 *
 * <p>Method names come from the endpoint's own responders and remote methods (a peer's unknown
 * command or method is answered before any interceptor runs), so the tags stay bounded. Cost with
 * metrics on: two map lookups, a timer sample and three meter updates per call (see the
 * benchmark note). Thread-safe.
 */
public final class SpindleMetrics {
  private final MeterRegistry registry;
  private final ConcurrentMap<String, AtomicLong> gauges = new ConcurrentHashMap<>();
  /** Per side: system, then service, then method. */
  @SuppressWarnings("unchecked")
  private final ConcurrentMap<String, ConcurrentMap<String, ConcurrentMap<String, PerMethod>>>[] methods =
      new ConcurrentMap[] {new ConcurrentHashMap<>(), new ConcurrentHashMap<>()};
  private final CallInterceptor server = (call, next) -> record(call, next, Side.SERVER);
  private final CallInterceptor client = (call, next) -> record(call, next, Side.CLIENT);
  private final ConnectionListener listener = new Listener();
  /** Per-connection-kind counters updated on every read or write: by {@link #slot}. */
  private final Counter[] bytesRead = new Counter[4];
  private final Counter[] bytesWritten = new Counter[4];

  private SpindleMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Meters registered in {@code registry}.
   *
   * @param registry where the meters are registered, lazily as calls and connections are seen;
   *     not null
   * @return a new instance, whose interceptors and listener share its meters
   * @throws NullPointerException if {@code registry} is null
   */
  public static SpindleMetrics create(MeterRegistry registry) {
    return new SpindleMetrics(registry);
  }

  /**
   * Adds this to {@code builder}: the server and client interceptors and the connection listener.
   *
   * @param <B> the builder's own type, so that the call chains
   * @param builder an AMP or PB client or server builder; the server interceptor is added after
   *     any already there, so add this first to time the whole chain
   * @return {@code builder}, for chaining
   */
  public <B extends EndpointBuilder<B>> B instrument(B builder) {
    return builder.intercept(server).interceptClientCalls(client).connectionListener(listener);
  }

  /**
   * The interceptor for the peer's calls (first, to time the whole chain).
   *
   * @return the server-side interceptor, the same instance on every call
   */
  public CallInterceptor serverInterceptor() {
    return server;
  }

  /**
   * The interceptor for this side's calls.
   *
   * @return the client-side interceptor, the same instance on every call
   */
  public CallInterceptor clientInterceptor() {
    return client;
  }

  /**
   * The listener for connections, bytes, backpressure and logins.
   *
   * @return the connection listener, the same instance on every call
   */
  public ConnectionListener connectionListener() {
    return listener;
  }

  private CompletionStage<?> record(CallInfo call, CallInterceptor.Next next, Side side) {
    PerMethod m = side.method(this, call.system(), call.service(), call.method());
    m.started.increment();
    AtomicLong active = m.active;
    active.incrementAndGet();
    long start = System.nanoTime();
    CompletionStage<?> stage;
    try {
      stage = next.proceed();
    } catch (RuntimeException e) {
      active.decrementAndGet();
      done(m, start, e);
      throw e;
    }
    return stage.whenComplete((v, e) -> {
      active.decrementAndGet();
      done(m, start, e);
    });
  }

  private void done(PerMethod m, long start, Throwable e) {
    long nanos = System.nanoTime() - start;
    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    Outcome o = m.outcome(cause == null ? "OK" : status(cause));
    o.duration.record(nanos, TimeUnit.NANOSECONDS);
    o.completed.increment();
    if (cause instanceof CallRejectedException r && m.side == Side.SERVER) {
      limit(m.system, CallRejectedException.OVERLOADED.equals(r.errorCode()) ? "blocking_executor" : "interceptor");
    }
  }

  /** The meters of one side: names, and per system, service and method, found without allocating. */
  private enum Side {
    SERVER("server", "requests.received", "responses.sent"),
    CLIENT("client", "requests.sent", "responses.received");

    final String started;
    final String completed;
    final String duration;
    final String active;
    final String tag;

    Side(String tag, String started, String completed) {
      this.tag = tag;
      this.started = "spindle." + tag + "." + started;
      this.completed = "spindle." + tag + "." + completed;
      this.duration = "spindle." + tag + ".processing.duration";
      this.active = "spindle." + tag + ".calls.active";
    }

    PerMethod method(SpindleMetrics metrics, String system, String service, String method) {
      ConcurrentMap<String, ConcurrentMap<String, PerMethod>> services =
          metrics.methods[ordinal()].computeIfAbsent(system, k -> new ConcurrentHashMap<>());
      ConcurrentMap<String, PerMethod> methods = services.get(service);
      if (methods == null) {
        methods = services.computeIfAbsent(service, k -> new ConcurrentHashMap<>());
      }
      PerMethod m = methods.get(method);
      if (m == null) {
        m = methods.computeIfAbsent(method, k -> new PerMethod(metrics, this, system, service, method));
      }
      return m;
    }
  }

  /** One method's meters on one side. */
  private static final class PerMethod {
    final SpindleMetrics metrics;
    final Side side;
    final String system;
    final Tags tags;
    final Counter started;
    final AtomicLong active;
    final ConcurrentMap<String, Outcome> outcomes = new ConcurrentHashMap<>();

    PerMethod(SpindleMetrics metrics, Side side, String system, String service, String method) {
      this.metrics = metrics;
      this.side = side;
      this.system = system;
      this.tags = Tags.of("rpc.system", system, "rpc.service", service, "rpc.method", method);
      this.started = Counter.builder(side.started).tags(tags).register(metrics.registry);
      this.active = metrics.gauge(side.active, Tags.of("rpc.system", system));
    }

    Outcome outcome(String status) {
      Outcome o = outcomes.get(status);
      if (o == null) {
        o = outcomes.computeIfAbsent(status, s -> new Outcome(metrics.registry, side, tags.and("status", s)));
      }
      return o;
    }
  }

  /** One method's meters for one status. */
  private static final class Outcome {
    final Timer duration;
    final Counter completed;

    Outcome(MeterRegistry registry, Side side, Tags tags) {
      this.duration = Timer.builder(side.duration).tags(tags).publishPercentileHistogram().register(registry);
      this.completed = Counter.builder(side.completed).tags(tags).register(registry);
    }
  }

  /**
   * An error's {@code status} tag: its protocol error code where it has one (a {@code
   * CallRejectedException}, AMP's {@code RemoteAmpException}: a public {@code errorCode()}), else
   * its class's simple name.
   */
  static String status(Throwable error) {
    if (error instanceof CallRejectedException r) {
      return r.errorCode();
    }
    java.lang.reflect.Method m = ERROR_CODE.get(error.getClass());
    if (m != null) {
      try {
        Object code = m.invoke(error);
        if (code instanceof String s && !s.isEmpty()) {
          return s;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        // no code: the class name below
      }
    }
    return error.getClass().getSimpleName();
  }

  private static final ClassValue<java.lang.reflect.Method> ERROR_CODE = new ClassValue<>() {
    @Override
    protected java.lang.reflect.Method computeValue(Class<?> type) {
      try {
        java.lang.reflect.Method m = type.getMethod("errorCode");
        return m.getReturnType() == String.class
            && java.lang.reflect.Modifier.isPublic(m.getDeclaringClass().getModifiers()) ? m : null;
      } catch (NoSuchMethodException | RuntimeException e) {
        return null;
      }
    }
  };

  private AtomicLong gauge(String name, Tags tags) {
    String key = name + tags; // once per method or connection kind: not per call
    AtomicLong g = gauges.get(key);
    if (g != null) {
      return g;
    }
    return gauges.computeIfAbsent(key, k -> registry.gauge(name, tags, new AtomicLong()));
  }

  private Counter simple(String name, Tags tags) {
    return registry.counter(name, tags);
  }

  private void limit(String system, String limit) {
    simple("spindle.limit.violations", Tags.of("rpc.system", system, "limit", limit)).increment();
  }

  /** The counter {@code name} of {@code c}'s kind, looked up once per kind. */
  private Counter cached(Counter[] slots, String name, ConnectionInfo c) {
    int i = (CallInfo.PB.equals(c.system()) ? 2 : 0) + (c.isServer() ? 1 : 0);
    Counter counter = slots[i];
    if (counter == null) {
      counter = simple(name, connectionTags(c));
      slots[i] = counter; // racy but idempotent: the registry returns the same counter
    }
    return counter;
  }

  private static Tags connectionTags(ConnectionInfo c) {
    return Tags.of("rpc.system", c.system(), "side", c.isServer() ? "server" : "client");
  }

  /** What a close cause says about limits, or null. */
  static String limitOf(Throwable cause) {
    String name = cause.getClass().getSimpleName();
    String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (name.contains("TooLong") || name.contains("Limit") && !name.contains("Protocol")) {
      return "length";
    }
    if (name.contains("TooMany")) {
      return "outstanding_calls";
    }
    if (message.contains("memory budget")) {
      return "memory";
    }
    if (name.contains("Timeout") || message.contains("timeout") || message.contains("timed out")) {
      return "timeout";
    }
    return null;
  }

  private final class Listener implements ConnectionListener {
    @Override
    public void opened(ConnectionInfo c) {
      Tags tags = connectionTags(c);
      gauge("spindle.connections.open", tags).incrementAndGet();
      simple("spindle.connections.opened", tags).increment();
    }

    @Override
    public void closed(ConnectionInfo c, Throwable cause) {
      Tags tags = connectionTags(c);
      gauge("spindle.connections.open", tags).decrementAndGet();
      simple("spindle.connections.closed",
          tags.and("reason", cause == null ? "normal" : cause.getClass().getSimpleName())).increment();
      if (cause == null) {
        return;
      }
      for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
        if (t.getClass().getSimpleName().contains("Protocol")) {
          simple("spindle.protocol.errors", Tags.of("rpc.system", c.system())).increment();
          return;
        }
        String limit = limitOf(t);
        if (limit != null) {
          limit(c.system(), limit);
          return;
        }
      }
    }

    @Override
    public void bytesRead(ConnectionInfo c, int bytes) {
      cached(bytesRead, "spindle.connection.bytes.read", c).increment(bytes);
    }

    @Override
    public void bytesWritten(ConnectionInfo c, int bytes) {
      cached(bytesWritten, "spindle.connection.bytes.written", c).increment(bytes);
    }

    @Override
    public void backpressurePaused(ConnectionInfo c) {
      simple("spindle.connection.backpressure.pauses", connectionTags(c)).increment();
    }

    @Override
    public void loginSucceeded(ConnectionInfo c, String avatarId) {
      simple("spindle.logins", Tags.of("rpc.system", c.system(), "result", "success")).increment();
    }

    @Override
    public void loginFailed(ConnectionInfo c, Throwable cause) {
      simple("spindle.logins", Tags.of("rpc.system", c.system(), "result", "failure")).increment();
    }
  }
}
