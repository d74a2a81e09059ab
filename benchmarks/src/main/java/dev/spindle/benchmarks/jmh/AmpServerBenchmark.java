package dev.spindle.benchmarks.jmh;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.codec.AmpBoxDecoder;
import dev.spindle.amp.dispatch.BoxDispatcher;
import dev.spindle.amp.internal.AmpTransport;
import dev.spindle.amp.internal.BatchingBoxEncoder;
import dev.spindle.benchmarks.LoadResponder;
import dev.spindle.benchmarks.LoadResponder_AmpLocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The whole AMP server hot path for {@code Sum(a, b)}, on the calling thread: the server's pipeline
 * (decoder, batching encoder, the connection handler and its dispatcher, the generated locator and
 * serializer) in an {@link EmbeddedChannel}, fed the request bytes in one pooled buffer as a socket
 * read would, and the answer bytes read out and released. Everything runs on the benchmark thread,
 * so {@code -prof gc}'s B/op is the server's allocation per call (with the EmbeddedChannel's own
 * small overhead per read). {@code serveSumCalls} is one read of 100 pipelined calls (scores are
 * per call); {@code serveOneSumCall} one read, one call, one flush.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AmpServerBenchmark {
  private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;
  private static final int BATCH = 100;

  private EmbeddedChannel server;
  private byte[] oneCall;
  private byte[] batch;

  @Setup
  public void setUp() {
    AmpTransport handler = new AmpTransport();
    handler.setReceiver(new BoxDispatcher(new LoadResponder_AmpLocator(new LoadResponder())));
    server = new EmbeddedChannel(new AmpBoxDecoder(), new BatchingBoxEncoder(), handler.handler());
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
