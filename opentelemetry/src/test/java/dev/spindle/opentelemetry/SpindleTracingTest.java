package dev.spindle.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.testing.LeakChecked;
import dev.spindle.transport.CallRejectedException;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Client and server spans for AMP and PB calls over TCP on 127.0.0.1, checked in memory. */
@LeakChecked
@Timeout(60)
class SpindleTracingTest {
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final Semaphore ended = new Semaphore(0);
  private final SdkTracerProvider provider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(spans))
      .addSpanProcessor(new SpanProcessor() {
        @Override
        public void onStart(Context parent, ReadWriteSpan span) {}

        @Override
        public boolean isStartRequired() {
          return false;
        }

        @Override
        public void onEnd(ReadableSpan span) {
          ended.release();
        }

        @Override
        public boolean isEndRequired() {
          return true;
        }
      })
      .build();
  private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(provider)
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();

  @AfterEach
  void close() {
    provider.close();
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(15, TimeUnit.SECONDS);
  }

  private SpanData only(SpanKind kind, String name) {
    List<SpanData> found = spans.getFinishedSpanItems().stream()
        .filter(s -> s.getKind() == kind && s.getName().equals(name)).toList();
    assertEquals(1, found.size(), spans.getFinishedSpanItems().toString());
    return found.get(0);
  }

  /** Waits until {@code n} spans have ended (the server's ends on its loop, after the answer). */
  private void awaitSpans(int n) throws InterruptedException {
    assertTrue(ended.tryAcquire(n, 15, TimeUnit.SECONDS));
    assertEquals(n, spans.getFinishedSpanItems().size(), spans.getFinishedSpanItems().toString());
  }

  @Test
  void ampSpansShareATraceWhenTheContextTravelsAndErrorsAreRecorded() throws Exception {
    SpindleTracing tracing = SpindleTracing.create(otel).propagateOverAmp(true);
    try (AmpServer server = tracing.instrument(AmpServer.builder())
            .locator(name -> box -> name.equals("Fail")
                ? CompletableFuture.failedFuture(new CallRejectedException("NOPE", "no"))
                : CompletableFuture.completedFuture(new AmpBox().putString("seen",
                    String.valueOf(box.getString(SpindleTracing.AMP_KEY_PREFIX + "traceparent")))))
            .start();
        AmpClient client = tracing.instrument(AmpClient.builder()).build()) {
      AmpConnection c = await(client.connect("127.0.0.1", server.port()));
      String seen = await(c.callRemoteString("Hello", new AmpBox())).getString("seen");
      assertTrue(seen.startsWith("00-"), seen);
      assertThrows(ExecutionException.class, () -> await(c.callRemoteString("Fail", new AmpBox())));
      awaitSpans(4);
    }
    SpanData client = only(SpanKind.CLIENT, "amp/Hello");
    SpanData server = only(SpanKind.SERVER, "amp/Hello");
    assertEquals(client.getTraceId(), server.getTraceId());
    assertEquals(client.getSpanId(), server.getParentSpanId());
    assertEquals("twisted_amp", server.getAttributes().get(SpindleTracing.RPC_SYSTEM));
    assertEquals("amp", server.getAttributes().get(SpindleTracing.RPC_SERVICE));
    assertEquals("Hello", server.getAttributes().get(SpindleTracing.RPC_METHOD));
    assertEquals("127.0.0.1", server.getAttributes().get(SpindleTracing.PEER_ADDRESS));
    assertNotNull(client.getAttributes().get(SpindleTracing.PEER_PORT));
    SpanData failed = only(SpanKind.SERVER, "amp/Fail");
    assertEquals(StatusCode.ERROR, failed.getStatus().getStatusCode());
    assertEquals(1, failed.getEvents().size()); // the exception
    assertEquals(StatusCode.ERROR, only(SpanKind.CLIENT, "amp/Fail").getStatus().getStatusCode());
  }

  @Test
  void withoutPropagationAmpSpansAreSeparateTraces() throws Exception {
    SpindleTracing tracing = SpindleTracing.create(otel);
    try (AmpServer server = tracing.instrument(AmpServer.builder())
            .locator(name -> box -> CompletableFuture.completedFuture(new AmpBox().putString("keys",
                String.valueOf(box.keys()))))
            .start();
        AmpClient client = tracing.instrument(AmpClient.builder()).build()) {
      AmpConnection c = await(client.connect("127.0.0.1", server.port()));
      String keys = await(c.callRemoteString("Hello", new AmpBox())).getString("keys");
      assertTrue(!keys.contains("_spindle_"), keys);
      awaitSpans(2);
    }
    assertNotEquals(only(SpanKind.CLIENT, "amp/Hello").getTraceId(), only(SpanKind.SERVER, "amp/Hello").getTraceId());
  }

  /** A PB root. */
  public static final class Root implements Referenceable {
    public long remote_add(long a, long b) {
      return a + b;
    }
  }

  @Test
  void pbSpansAreLocalWithTheRpcAttributes() throws Exception {
    SpindleTracing tracing = SpindleTracing.create(otel).propagateOverAmp(true);
    try (PbServer server = tracing.instrument(PbServer.builder()).root(new Root()).start();
        PbClient client = tracing.instrument(PbClient.builder()).build()) {
      RemoteReference root = await(client.getRootObject("127.0.0.1", server.port()));
      assertEquals(3L, await(root.callRemote("add", 1, 2)));
      awaitSpans(2);
    }
    SpanData server = only(SpanKind.SERVER, "Root/add");
    SpanData client = only(SpanKind.CLIENT, "remote/add");
    assertEquals("twisted_pb", server.getAttributes().get(SpindleTracing.RPC_SYSTEM));
    assertEquals("Root", server.getAttributes().get(SpindleTracing.RPC_SERVICE));
    assertEquals("add", client.getAttributes().get(SpindleTracing.RPC_METHOD));
    assertNotEquals(client.getTraceId(), server.getTraceId());
  }
}
