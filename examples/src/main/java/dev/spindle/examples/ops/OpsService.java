package dev.spindle.examples.ops;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.exceptions.UnknownRemoteException;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.micrometer.SpindleMetrics;
import dev.spindle.opentelemetry.SpindleTracing;
import dev.spindle.transport.BlockingExecutor;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.logging.LoggingSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A small service run in production style, in one process: an AMP server whose database-backed
 * responders are {@code @Blocking} (on a bounded executor), guarded by a token login and
 * authorization interceptor ({@link TokenAuth}), measured with Micrometer (the Prometheus scrape
 * is printed at the end) and traced with OpenTelemetry (spans go to a logging exporter, the
 * context travelling between the Spindle client and server in AMP keys), and a client that calls
 * it. Ends by itself.
 *
 * <pre>
 * mvn -q -Pdemo -DskipTests verify -Ddemo.mainClass=dev.spindle.examples.ops.OpsService
 * </pre>
 */
public final class OpsService {
  private OpsService() {}

  /** Runs the service and its client, then prints the metrics. */
  public static void main(String[] args) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SpindleMetrics metrics = SpindleMetrics.create(registry);
    SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
        .addSpanProcessor(SimpleSpanProcessor.create(LoggingSpanExporter.create())).build();
    OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(tracerProvider)
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    SpindleTracing tracing = SpindleTracing.create(otel).propagateOverAmp(true);
    TokenAuth auth = new TokenAuth(
        Map.of("t-alice", "alice", "t-bob", "bob"),
        Map.of("Restock", Set.of("alice")));
    ExecutorService database = Executors.newFixedThreadPool(8);

    // Metrics outermost (they time everything), then tracing, then the auth check.
    AmpServer.Builder serverBuilder = AmpServer.builder()
        .locator(CommandLocator.of(new Inventory()))
        .blockingExecutor(BlockingExecutor.create(database, 64))
        .logConnections(true);
    serverBuilder = tracing.instrument(metrics.instrument(serverBuilder)).intercept(auth);
    try (AmpServer server = serverBuilder.start()) {
      System.out.println("inventory service on " + server.address());
      call("alice", "t-alice", server.port(), metrics, tracing);
      call("bob", "t-bob", server.port(), metrics, tracing);
      call("mallory", "t-nobody", server.port(), metrics, tracing);
    } finally {
      database.shutdown();
      tracerProvider.close();
    }
    System.out.println();
    System.out.println("---- Prometheus scrape (spindle_*) ----");
    for (String line : registry.scrape().split("\n")) {
      if (line.startsWith("spindle_") && !line.contains("_bucket{")) {
        System.out.println(line);
      }
    }
  }

  private static void call(String who, String token, int port, SpindleMetrics metrics,
      SpindleTracing tracing) throws Exception {
    AmpClient.Builder b = tracing.instrument(metrics.instrument(AmpClient.builder()))
        .interceptClientCalls(TokenAuth.bearer(token));
    try (AmpClient client = b.build()) {
      AmpConnection c = client.connect("127.0.0.1", port).get(10, TimeUnit.SECONDS);
      // Ten lookups at once: they wait on the database threads, the ping does not.
      List<CompletableFuture<Lookup.Result>> lookups = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        lookups.add(c.callRemote(new Lookup(i % 2 == 0 ? "apples" : "pears")));
      }
      long t0 = System.nanoTime();
      String ping = outcome(c.callRemote(new Ping("hello from " + who)), r -> r.text());
      long pingMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - t0);
      String first = outcome(lookups.get(0), r -> r.value());
      CompletableFuture.allOf(lookups.toArray(new CompletableFuture[0])).handle((v, e) -> null).join();
      String restock = outcome(c.callRemote(new Restock("pears", 5)), r -> Long.toString(r.count()));
      System.out.printf("%-8s ping: %s (%d us, while 10 lookups wait); apples: %s; restock pears: %s%n",
          who, ping, pingMicros, first, restock);
      if (!c.isOpen()) {
        throw new IllegalStateException("a refused call must not close the connection");
      }
    }
  }

  private static <T> String outcome(CompletableFuture<T> call, java.util.function.Function<T, String> show) {
    try {
      return show.apply(call.get(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      Throwable t = e.getCause() != null ? e.getCause() : e;
      if (t instanceof CompletionException && t.getCause() != null) {
        t = t.getCause();
      }
      return t instanceof UnknownRemoteException u ? "refused " + u.errorCode() : "failed " + t;
    }
  }
}
