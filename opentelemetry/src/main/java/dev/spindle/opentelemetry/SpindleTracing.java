package dev.spindle.opentelemetry;

import dev.spindle.transport.CallInfo;
import dev.spindle.transport.CallInterceptor;
import dev.spindle.transport.EndpointBuilder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * OpenTelemetry tracing for AMP and PB endpoints: a {@link SpanKind#CLIENT} span for each call this
 * side makes and a {@link SpanKind#SERVER} span for each call of the peer, named {@code
 * service/method}, with the RPC semantic-convention attributes ({@code rpc.system} = {@code
 * twisted_amp} or {@code twisted_pb}, {@code rpc.service}, {@code rpc.method}, {@code
 * network.peer.address}, {@code network.peer.port}); a failed call records its exception and sets
 * the span's status to error. The server span is current while the responder or remote method
 * runs on the event loop (a {@code Blocking} one runs later on its executor, outside it).
 *
 * <p><b>Context between Spindle AMP peers</b> (opt-in, {@link #propagateOverAmp(boolean)}): the
 * client puts the propagator's fields ({@code traceparent}, {@code tracestate} with W3C) in the
 * command box as extra keys prefixed {@value #AMP_KEY_PREFIX}, and a Spindle server continues the
 * trace from them. Twisted reads only the arguments a command declares, so a Twisted peer ignores
 * them (see the interop test); a box-level responder sees them. PB has no room for extra fields:
 * PB spans are local, each server span a new trace.
 *
 * <pre>{@code
 * SpindleTracing tracing = SpindleTracing.create(openTelemetry).propagateOverAmp(true);
 * AmpClient client = tracing.instrument(AmpClient.builder()).build();
 * }</pre>
 */
public final class SpindleTracing {
  /** The prefix of the AMP keys that carry the trace context. */
  public static final String AMP_KEY_PREFIX = "_spindle_";

  /** The instrumentation scope name. */
  public static final String SCOPE = "dev.spindle";

  static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
  static final AttributeKey<String> RPC_SERVICE = AttributeKey.stringKey("rpc.service");
  static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");
  static final AttributeKey<String> PEER_ADDRESS = AttributeKey.stringKey("network.peer.address");
  static final AttributeKey<Long> PEER_PORT = AttributeKey.longKey("network.peer.port");
  static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private static final TextMapSetter<CallInfo.Headers> SETTER =
      (headers, key, value) -> headers.put(AMP_KEY_PREFIX + key, value);
  private static final TextMapGetter<CallInfo.Headers> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(CallInfo.Headers headers) {
      return List.of();
    }

    @Override
    public String get(CallInfo.Headers headers, String key) {
      return headers == null ? null : headers.get(AMP_KEY_PREFIX + key);
    }
  };

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final boolean propagate;

  private SpindleTracing(OpenTelemetry otel, boolean propagate) {
    this.tracer = otel.getTracer(SCOPE);
    this.propagator = otel.getPropagators().getTextMapPropagator();
    this.propagate = propagate;
  }

  /**
   * Tracing with {@code openTelemetry}'s tracer; no context travels between peers.
   *
   * @param openTelemetry the SDK or API instance whose tracer (scope {@value #SCOPE}) and text-map
   *     propagator are used; not null
   * @return a new instance, context propagation off
   * @throws NullPointerException if {@code openTelemetry} is null
   */
  public static SpindleTracing create(OpenTelemetry openTelemetry) {
    return new SpindleTracing(Objects.requireNonNull(openTelemetry, "openTelemetry"), false);
  }

  /**
   * A copy that does (or does not) carry the context in AMP keys between Spindle peers.
   *
   * @param on true to inject the context into this side's AMP calls and extract it from the
   *     peer's; false for local spans only
   * @return a new instance with the same tracer and propagator; this one is unchanged
   */
  public SpindleTracing propagateOverAmp(boolean on) {
    return new SpindleTracing(this, on);
  }

  private SpindleTracing(SpindleTracing from, boolean propagate) {
    this.tracer = from.tracer;
    this.propagator = from.propagator;
    this.propagate = propagate;
  }

  /**
   * Adds the client and server interceptors to {@code builder}.
   *
   * @param <B> the builder's own type, so that the call chains
   * @param builder an AMP or PB client or server builder; the interceptors go after any already
   *     added (the first added is outermost)
   * @return {@code builder}, for chaining
   */
  public <B extends EndpointBuilder<B>> B instrument(B builder) {
    return builder.intercept(serverInterceptor()).interceptClientCalls(clientInterceptor());
  }

  /**
   * The interceptor that makes a server span per call of the peer.
   *
   * @return a new interceptor; its spans end when the call's answer or error is ready
   */
  public CallInterceptor serverInterceptor() {
    return (call, next) -> {
      Context parent = Context.root();
      if (propagate && call.headers() != null) {
        parent = propagator.extract(Context.root(), call.headers(), GETTER);
      }
      Span span = start(call, SpanKind.SERVER, parent);
      return run(span, next);
    };
  }

  /**
   * The interceptor that makes a client span per call of this side.
   *
   * @return a new interceptor; each span's parent is the context current where the call is made
   */
  public CallInterceptor clientInterceptor() {
    return (call, next) -> {
      Span span = start(call, SpanKind.CLIENT, Context.current());
      if (propagate && call.headers() != null) {
        propagator.inject(Context.current().with(span), call.headers(), SETTER);
      }
      return run(span, next);
    };
  }

  private Span start(CallInfo call, SpanKind kind, Context parent) {
    var b = tracer.spanBuilder(call.service() + "/" + call.method())
        .setSpanKind(kind)
        .setParent(parent)
        .setAttribute(RPC_SYSTEM, call.system())
        .setAttribute(RPC_SERVICE, call.service())
        .setAttribute(RPC_METHOD, call.method());
    SocketAddress peer = call.peer();
    if (peer instanceof InetSocketAddress inet) {
      b.setAttribute(PEER_ADDRESS, inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString());
      b.setAttribute(PEER_PORT, (long) inet.getPort());
    }
    return b.startSpan();
  }

  private static CompletionStage<?> run(Span span, CallInterceptor.Next next) {
    CompletionStage<?> stage;
    try (Scope ignored = span.makeCurrent()) {
      stage = next.proceed();
    } catch (RuntimeException e) {
      fail(span, e);
      span.end();
      throw e;
    }
    return stage.whenComplete((v, e) -> {
      if (e != null) {
        fail(span, e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
      }
      span.end();
    });
  }

  private static void fail(Span span, Throwable t) {
    span.recordException(t);
    span.setAttribute(ERROR_TYPE, t.getClass().getName());
    span.setStatus(StatusCode.ERROR, String.valueOf(t.getMessage()));
  }
}
