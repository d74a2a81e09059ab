package dev.spindle.benchmarks.jmh;

import dev.spindle.pb.banana.BananaDecoder;
import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaEncoder;
import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.jelly.Tuple;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * Perspective Broker's two layers for one {@code root.callRemote("add", 1234, 5678)}: Banana
 * encoding and decoding of the whole message {@code ["message", 1, "root", "add", 1, ["tuple",
 * 1234, 5678], ["dictionary"]]} in the {@code pb} dialect, and Jelly of the call's args tuple and
 * of a nested dict/list structure, both ways.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PbBenchmark {
  private static final PooledByteBufAllocator ALLOC = PooledByteBufAllocator.DEFAULT;

  private final JellyRegistry jelly = JellyRegistry.builder().build();
  private final Tuple args = Tuple.of(1234L, 5678L);
  private Map<String, Object> nested;

  private Sexp argsSexp;
  private Sexp nestedSexp;
  private Sexp message;
  private byte[] messageWire;
  private EmbeddedChannel decoder;

  @Setup
  public void setUp() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("points", List.of(List.of(1L, 2L), List.of(3L, 4L), List.of(5L, 6L)));
    inner.put("pair", Tuple.of("left", 2.5));
    nested = new LinkedHashMap<>();
    nested.put("name", "spindle");
    nested.put("sizes", List.of(1L, 22L, 333L, 4444L));
    nested.put("ratio", 0.25);
    nested.put("ok", Boolean.TRUE);
    nested.put("tags", List.of("amp", "pb", "banana"));
    nested.put("inner", inner);

    argsSexp = jelly.jelly(args);
    nestedSexp = jelly.jelly(nested);
    message = Sexp.list(
        Sexp.ascii("message"), Sexp.integer(1), Sexp.ascii("root"), Sexp.ascii("add"),
        Sexp.integer(1), argsSexp, jelly.jelly(Map.of()));
    messageWire = BananaEncoder.encode(message, BananaDialect.PB);
    decoder = new EmbeddedChannel(new BananaDecoder(BananaLimits.DEFAULT, BananaDialect.PB));
  }

  @TearDown
  public void tearDown() {
    decoder.finishAndReleaseAll();
  }

  /** Banana-encodes the call message into a new {@code byte[]}. */
  @Benchmark
  public byte[] bananaEncodeMessageToArray() {
    return BananaEncoder.encode(message, BananaDialect.PB);
  }

  /** Banana-encodes the call message into a pooled buffer of its exact length, then releases it. */
  @Benchmark
  public int bananaEncodeMessageToPooledBuffer() {
    ByteBuf out = BananaEncoder.encode(message, BananaDialect.PB, BananaLimits.DEFAULT, ALLOC);
    try {
      return out.readableBytes();
    } finally {
      out.release();
    }
  }

  /**
   * Copies the encoded call message into a pooled buffer (as a socket read would) and decodes it
   * through {@link BananaDecoder}; the decoder releases the buffer.
   */
  @Benchmark
  public Object bananaDecodeMessage() {
    ByteBuf in = ALLOC.ioBuffer(messageWire.length).writeBytes(messageWire);
    decoder.writeInbound(in);
    return decoder.readInbound();
  }

  /** Jellies the call's args tuple {@code (1234, 5678)}. */
  @Benchmark
  public Sexp jellyArgsTuple() {
    return jelly.jelly(args);
  }

  /** Unjellies {@code ["tuple", 1234, 5678]}. */
  @Benchmark
  public Object unjellyArgsTuple() {
    return jelly.unjelly(argsSexp);
  }

  /** Jellies a dict holding lists, a nested dict, a tuple, strings, numbers and a bool. */
  @Benchmark
  public Sexp jellyNested() {
    return jelly.jelly(nested);
  }

  /** Unjellies the nested structure back. */
  @Benchmark
  public Object unjellyNested() {
    return jelly.unjelly(nestedSexp);
  }
}
