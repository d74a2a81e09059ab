package dev.spindle.benchmarks.jmh;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.codec.AmpBoxDecoder;
import dev.spindle.amp.codec.AmpBoxEncoder;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.runtime.CommandSpecs;
import dev.spindle.benchmarks.Sum;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The AMP box layer for one {@code Sum(a, b)} request: {@code AmpBoxEncoder.encode} into a pooled
 * buffer, {@code AmpBoxDecoder} fed one pooled buffer holding the whole box (through an {@link
 * EmbeddedChannel}, as on a connection), and the generated {@code Sum_AmpSerializer}'s argument
 * codec writing and reading the box.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AmpBoxBenchmark {
  private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

  private final Sum sum = new Sum(1234, 5678);
  private BoxCodec<Sum> arguments;
  /** {@code _ask: 1, _command: Sum, a: 1234, b: 5678}, as a client sends it. */
  private AmpBox request;
  private byte[] wire;
  private EmbeddedChannel decoder;

  @Setup
  public void setUp() {
    CommandSpec<Sum, Sum.Result> spec = CommandSpecs.of(Sum.class);
    arguments = spec.arguments();
    request = new AmpBox();
    request.putString("_ask", "1");
    request.putString("_command", spec.commandName());
    arguments.write(sum, request);
    wire = request.toByteArray();
    decoder = new EmbeddedChannel(new AmpBoxDecoder());
  }

  @TearDown
  public void tearDown() {
    decoder.finishAndReleaseAll();
  }

  /** Encodes the request box into a pooled buffer of its exact length, then releases it. */
  @Benchmark
  public int encodeSumRequest() {
    ByteBuf out = ALLOC.ioBuffer(request.encodedLength());
    try {
      AmpBoxEncoder.encode(request, out);
      return out.readableBytes();
    } finally {
      out.release();
    }
  }

  /**
   * Copies the encoded request into a pooled buffer (as a read from the socket would) and decodes
   * it; the decoder releases the buffer once it has read it all.
   */
  @Benchmark
  public Object decodeSumRequest() {
    ByteBuf in = ALLOC.ioBuffer(wire.length).writeBytes(wire);
    decoder.writeInbound(in);
    return decoder.readInbound();
  }

  /** The generated argument codec writing {@code a} and {@code b} into a new box. */
  @Benchmark
  public AmpBox writeSumArguments() {
    AmpBox box = new AmpBox();
    arguments.write(sum, box);
    return box;
  }

  /** The generated argument codec reading a {@code Sum} back from the request box. */
  @Benchmark
  public void readSumArguments(Blackhole bh) {
    bh.consume(arguments.read(request));
  }
}
