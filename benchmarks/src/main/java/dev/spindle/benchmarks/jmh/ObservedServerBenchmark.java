package dev.spindle.benchmarks.jmh;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.codec.AmpBoxDecoder;
import dev.spindle.amp.dispatch.BoxDispatcher;
import dev.spindle.amp.internal.AmpTransport;
import dev.spindle.amp.internal.BatchingBoxEncoder;
import dev.spindle.amp.internal.HookedLocator;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.benchmarks.LoadResponder;
import dev.spindle.benchmarks.LoadResponder_AmpLocator;
import dev.spindle.micrometer.SpindleMetrics;
import dev.spindle.transport.CallInfo;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.internal.CallHooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link AmpServerBenchmark}'s server path for {@code Sum} with issue #16's observing on or off,
 * for the cost per call: {@code none} (no hooks, no observer: as before #16), {@code mdc} (the
 * default: the observer puts the connection in the MDC around each read; with slf4j-simple's
 * no-op MDC this measures the handler, not a real MDC), {@code interceptor} (one interceptor that
 * only proceeds), {@code metrics} (Spindle's Micrometer interceptor and listener on a {@code
 * SimpleMeterRegistry}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class ObservedServerBenchmark {
  private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
  private static final int BATCH = 100;

  @Param({"none", "mdc", "interceptor", "metrics"})
  public String observing;

  private EmbeddedChannel server;
  private byte[] oneCall;
  private byte[] batch;

  @Setup
  public void setUp() {
    AmpTransport handler = new AmpTransport();
    CommandLocator generated = new LoadResponder_AmpLocator(new LoadResponder());
    CommandLocator[] locator = {generated};
    BoxDispatcher dispatcher = new BoxDispatcher(name -> locator[0].locateResponder(name));
    handler.setReceiver(dispatcher);
    server = new EmbeddedChannel(new AmpBoxDecoder(), new BatchingBoxEncoder(), handler.handler());
    CallHooks hooks = switch (observing) {
      case "none" -> null;
      case "mdc" -> new CallHooks(null, false, List.of(), List.of(), List.of(), true, false);
      case "interceptor" -> new CallHooks(null, false, List.of((call, next) -> next.proceed()), List.of(),
          List.of(), true, false);
      case "metrics" -> {
        SpindleMetrics m = SpindleMetrics.create(new SimpleMeterRegistry());
        yield new CallHooks(null, false, List.of(m.serverInterceptor()), List.of(),
            List.of(m.connectionListener()), true, false);
      }
      default -> throw new IllegalArgumentException(observing);
    };
    if (hooks != null) {
      ConnectionInfo info = hooks.install(server, handler.handler(), CallInfo.AMP, true);
      if (hooks.perCall()) {
        locator[0] = new HookedLocator(generated, hooks, info, null);
      }
    }
    oneCall = request(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 1; i <= BATCH; i++) {
      out.writeBytes(request(i));
    }
    batch = out.toByteArray();
  }

  private static byte[] request(int tag) {
    return new AmpBox()
        .putString("_ask", Integer.toHexString(tag))
        .putString("_command", "Sum")
        .putString("a", Integer.toString(1000 + tag))
        .putString("b", "5678")
        .toByteArray();
  }

  @TearDown
  public void tearDown() {
    server.finishAndReleaseAll();
  }

  /** One read holding 100 requests; one flush of the 100 answers. Scores are per call. */
  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int serveSumCalls() {
    return serve(batch);
  }

  /** One read, one request, one answer flushed. */
  @Benchmark
  public int serveOneSumCall() {
    return serve(oneCall);
  }

  private int serve(byte[] wire) {
    server.writeInbound(ALLOC.ioBuffer(wire.length).writeBytes(wire));
    int n = 0;
    ByteBuf out;
    while ((out = server.readOutbound()) != null) {
      n += out.readableBytes();
      out.release();
    }
    return n;
  }
}
