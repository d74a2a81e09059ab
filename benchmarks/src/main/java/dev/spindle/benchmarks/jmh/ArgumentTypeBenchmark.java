package dev.spindle.benchmarks.jmh;

import dev.spindle.amp.command.AmpDecimal;
import dev.spindle.amp.command.ArgumentType;
import dev.spindle.amp.command.ArgumentTypes;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each AMP argument type's {@code toBytes} and {@code fromBytes} on one typical value, through
 * the {@link ArgumentType} interface (as the generated serializers of non-primitive fields call
 * them), plus the primitive {@code longToBytes}/{@code bytesToLong} and {@code
 * doubleToBytes}/{@code bytesToDouble} the generated code uses for {@code long} and {@code
 * double} fields.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ArgumentTypeBenchmark {

  /** One argument type and one value of it, with the value's wire bytes. */
  @State(Scope.Thread)
  public static class Typed {
    @Param({
      "BIG_INTEGER", "STRING", "UNICODE", "BOOLEAN", "DECIMAL", "DATE_TIME", "LIST_OF_LONG", "PATH"
    })
    public String type;

    ArgumentType<Object> argumentType;
    Object value;
    byte[] bytes;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
      switch (type) {
        case "BIG_INTEGER" -> {
          argumentType = (ArgumentType<Object>) (ArgumentType<?>) ArgumentTypes.BIG_INTEGER;
          value = new BigInteger("123456789012345678901234567890");
        }
        case "STRING" -> {
          argumentType = (ArgumentType<Object>) (ArgumentType<?>) ArgumentTypes.STRING;
          value = "hello, world".getBytes(StandardCharsets.US_ASCII);
        }
        case "UNICODE" -> {
          argumentType = (ArgumentType<Object>) (ArgumentType<?>) ArgumentTypes.UNICODE;
          value = "h\u00e9llo, w\u00f6rld \u2603";
        }
        case "BOOLEAN" -> {
          argumentType = (ArgumentType<Object>) (ArgumentType<?>) ArgumentTypes.BOOLEAN;
          value = Boolean.TRUE;
        }
        case "DECIMAL" -> {
          argumentType = (ArgumentType<Object>) (ArgumentType<?>) ArgumentTypes.DECIMAL;
          value = AmpDecimal.of(new BigDecimal("1234.5678"));
        }
        case "DATE_TIME" -> {
          argumentType = (ArgumentType<Object>) (ArgumentType<?>) ArgumentTypes.DATE_TIME;
          value = OffsetDateTime.of(2024, 3, 14, 15, 9, 26, 535_897_000, ZoneOffset.ofHours(2));
        }
        case "LIST_OF_LONG" -> {
          argumentType = (ArgumentType<Object>) (ArgumentType<?>) ArgumentTypes.listOf(ArgumentTypes.LONG);
          value = List.of(1L, 22L, 333L, 4444L, 55555L, -666666L, 7777777L, 88888888L);
        }
        case "PATH" -> {
          argumentType = (ArgumentType<Object>) (ArgumentType<?>) ArgumentTypes.PATH;
          value = Path.of("/var/lib/spindle/some/file.txt");
        }
        default -> throw new IllegalArgumentException("type: " + type);
      }
      bytes = argumentType.toBytes(value);
    }
  }

  /** One {@code long}. */
  @State(Scope.Thread)
  public static class Longs {
    @Param({"42", "-9223372036854775808"})
    public long value;

    byte[] bytes;

    @Setup
    public void setUp() {
      bytes = ArgumentTypes.longToBytes(value);
    }
  }

  /** One {@code double}: short and long shortest-repr forms, and a random one. */
  @State(Scope.Thread)
  public static class Doubles {
    @Param({"0.1", "1.5", "1e+300", "random"})
    public String value;

    double d;
    byte[] bytes;

    @Setup
    public void setUp() {
      // A fixed seed: the same "random" double (17 significant digits) on every run.
      d = value.equals("random") ? new SplittableRandom(42).nextDouble() * 1000 : Double.parseDouble(value);
      bytes = ArgumentTypes.doubleToBytes(d);
    }
  }

  @Benchmark
  public byte[] toBytes(Typed t) {
    return t.argumentType.toBytes(t.value);
  }

  @Benchmark
  public Object fromBytes(Typed t) {
    return t.argumentType.fromBytes(t.bytes);
  }

  @Benchmark
  public byte[] longToBytes(Longs l) {
    return ArgumentTypes.longToBytes(l.value);
  }

  @Benchmark
  public long bytesToLong(Longs l) {
    return ArgumentTypes.bytesToLong(l.bytes);
  }

  @Benchmark
  public byte[] doubleToBytes(Doubles d) {
    return ArgumentTypes.doubleToBytes(d.d);
  }

  @Benchmark
  public double bytesToDouble(Doubles d) {
    return ArgumentTypes.bytesToDouble(d.bytes);
  }
}
