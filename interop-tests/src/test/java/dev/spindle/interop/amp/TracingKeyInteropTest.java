package dev.spindle.interop.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.interop.amp.PeerCommands.Sum;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.opentelemetry.SpindleTracing;
import dev.spindle.testing.LeakChecked;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The opt-in trace-context keys ({@code _spindle_traceparent}) sent to a real Twisted 22.4 server
 * ({@code amp_peer.py server}): Twisted reads only the arguments a command declares, so typed and
 * box-level calls are answered as without them (the answer carries no trace key back), the peer
 * prints no traceback, and the connection stays open for the next call.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TracingKeyInteropTest {
  @Test
  void twistedIgnoresTheTraceContextKeys() throws Exception {
    InMemorySpanExporter spans = InMemorySpanExporter.create();
    try (SdkTracerProvider provider =
            SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        TwistedPeer twisted = TwistedPeer.startServer("amp_peer.py")) {
      OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(provider)
          .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
      SpindleTracing tracing = SpindleTracing.create(otel).propagateOverAmp(true);
      try (AmpClient client = tracing.instrument(AmpClient.builder()).build()) {
        AmpConnection c = client.connect("127.0.0.1", twisted.port()).get(15, TimeUnit.SECONDS);
        assertEquals(94, c.callRemote(new Sum(13, 81)).get(15, TimeUnit.SECONDS).total());
        AmpBox answer = c.callRemoteString("Sum", new AmpBox().putString("a", "1").putString("b", "2"))
            .get(15, TimeUnit.SECONDS);
        assertEquals("3", answer.getString("total"));
        assertEquals(List.of("_answer", "total"), answer.keys().stream().sorted().toList());
        assertEquals(7, c.callRemote(new Sum(3, 4)).get(15, TimeUnit.SECONDS).total());
        assertTrue(c.isOpen());
      }
      assertEquals(3, spans.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.CLIENT).count());
      List<String> out = twisted.lines();
      assertTrue(out.stream().noneMatch(l -> l.contains("Traceback") || l.contains("ERROR") || l.contains("Unhandled")),
          out.toString());
    }
  }
}
