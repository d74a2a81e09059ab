package dev.spindle.pb.banana;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.spindle.testing.Allocations;
import dev.spindle.testing.FuzzInputs;
import dev.spindle.testing.Seeds;
import dev.spindle.testing.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link BananaDecoder} in both dialects, seeded with every byte string
 * of the Banana, Jelly and PB golden vectors. In a plain build Jazzer runs the seeds (regression
 * mode); with {@code JAZZER_FUZZ=1} it fuzzes (see SECURITY.md).
 *
 * <p>Invariants: the only failure is a {@link BananaProtocolException}, once, after which nothing
 * more is decoded; decoding in chunks gives the same expressions and failure as decoding at once;
 * every expression decoded re-encodes and decodes to itself; tight limits (size, depth,
 * expression bytes) are never exceeded by what is emitted; every buffer is released (checked per
 * input with a {@link TrackingAllocator}; the suite-wide leak check runs after the class);
 * allocation follows the bytes received, not the lengths claimed (checked by a plain test over
 * the seeds, findings and generated corpus, since Jazzer's hooks allocate while a fuzz test runs).
 */
class BananaDecoderFuzzTest {
  /** Large limits, so that anything reserved in proportion to a claimed length would show. */
  private static final BananaLimits LARGE =
      BananaLimits.builder().sizeLimit(64 * 1024 * 1024).maxDepth(10_000).build();

  /** Allowed beyond 64 bytes per input byte (each byte can be a list element or an integer). */
  private static final long ALLOCATION_ALLOWANCE = 64 * 1024;

  static Stream<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>(Seeds.hex("banana.json"));
    seeds.addAll(Seeds.hex("jelly.json", key -> key.startsWith("banana")));
    seeds.addAll(Seeds.hex("pb-messages.json"));
    return seeds.stream();
  }

  @BeforeAll
  static void warmUp() {
    // Class loading and first-time initialization are not the decoder's allocations.
    seeds().forEach(s -> {
      for (BananaDialect d : BananaDialect.values()) {
        decode(BananaLimits.DEFAULT, d, s, null);
      }
    });
  }

  /**
   * Allocation follows the bytes received, not the lengths claimed: every seed, finding and
   * generated corpus entry fed at once, in both dialects, with {@link #LARGE} limits. A plain
   * test, because Jazzer's comparison hooks, active while a fuzz test runs, allocate on their
   * own; after a fuzzing run, run this class again without {@code JAZZER_FUZZ} to check the whole
   * corpus.
   */
  @Test
  void allocationFollowsTheBytesReceived() {
    Assumptions.assumeFalse(FuzzInputs.fuzzing(), "Jazzer's hooks are on while fuzzing");
    List<byte[]> inputs = new ArrayList<>(seeds().toList());
    inputs.addAll(FuzzInputs.of(BananaDecoderFuzzTest.class, "decodeExpressions"));
    for (byte[] input : inputs) {
      for (BananaDialect d : BananaDialect.values()) {
        decode(LARGE, d, input, null, false); // a path's first run links and loads code
        decode(LARGE, d, input, null, true);
      }
    }
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "30s")
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // the first input also pays for Jazzer's agent
  void decodeExpressions(byte[] input) {
    SplittableRandom random = new SplittableRandom(Arrays.hashCode(input));
    for (BananaDialect dialect : BananaDialect.values()) {
      Result whole = decode(LARGE, dialect, input, null);
      assertEquals(whole, decode(LARGE, dialect, input, random), "chunking changed the result");
      for (Sexp s : whole.sexps) {
        byte[] again = BananaEncoder.encode(s, dialect, LARGE);
        assertEquals(List.of(s), decode(LARGE, dialect, again, null).sexps, "re-encoded");
      }

      BananaLimits tight = BananaLimits.builder()
          .sizeLimit(random.nextInt(40))
          .prefixLimit(5 + random.nextInt(8))
          .maxDepth(1 + random.nextInt(6))
          .maxExpressionBytes(1 + random.nextInt(300))
          .build();
      for (Sexp s : decode(tight, dialect, input, random).sexps) {
        assertWithin(tight, dialect, s, 1);
      }
    }
  }

  /** Found by this fuzz test: the message of a bad type byte was built with String.format. */
  @Test
  void invalidTypeByteErrorAllocatesLittle() {
    byte[] input = {0x01, (byte) 0x88};
    decode(BananaLimits.DEFAULT, BananaDialect.PB, input, null); // warm
    Result r = decode(BananaLimits.DEFAULT, BananaDialect.PB, input, null, true);
    assertEquals("Invalid Type Byte b'\\x88'", r.failure);
  }

  private static void assertWithin(BananaLimits limits, BananaDialect dialect, Sexp s, int depth) {
    if (s instanceof Sexp.SList l) {
      assertTrue(depth <= limits.maxDepth(), "too deep");
      assertTrue(l.items().size() <= limits.sizeLimit(), "list too long");
      for (Sexp item : l.items()) {
        assertWithin(limits, dialect, item, depth + 1);
      }
    } else if (s instanceof Sexp.Bytes b) {
      // In pb, a vocabulary word arrives as a VOCAB index, not as a string with a length.
      boolean word = dialect == BananaDialect.PB && Vocabulary.indexOf(b.value()) > 0;
      assertTrue(word || b.length() <= limits.sizeLimit(), "string too long");
    }
  }

  /** The expressions decoded, and the failure if there was one (only a BananaProtocolException). */
  private record Result(List<Sexp> sexps, String failure) {
    /**
     * Twisted words an over-long prefix by whether a type byte is already buffered after it
     * ("longer than N bytes worth of prefix" or "more than N bytes of prefix"), so that wording,
     * and only that, depends on how the bytes were split.
     */
    Result {
      if (failure != null && failure.startsWith("Security precaution: ")
          && failure.contains("bytes") && failure.contains("prefix")) {
        failure = "prefix over the limit";
      }
    }
  }

  private static Result decode(
      BananaLimits limits, BananaDialect dialect, byte[] input, SplittableRandom chunks) {
    return decode(limits, dialect, input, chunks, false);
  }

  private static Result decode(BananaLimits limits, BananaDialect dialect, byte[] input,
      SplittableRandom chunks, boolean measure) {
    EmbeddedChannel ch = new EmbeddedChannel();
    TrackingAllocator alloc = new TrackingAllocator();
    ch.config().setAllocator(alloc);
    ch.pipeline().addLast(new BananaDecoder(limits, dialect));
    List<Sexp> sexps = new ArrayList<>();
    String failure = null;
    try {
      int from = 0;
      while (from < input.length) {
        int to = chunks == null ? input.length : from + 1 + chunks.nextInt(input.length - from);
        boolean failedBefore = failure != null;
        // Fed at once, the input itself is the cumulation: what is allocated is the decoder's.
        // (A wrapped array is not leak-tracked, so the detector's records are not counted.)
        ByteBuf in = chunks == null
            ? Unpooled.wrappedBuffer(input, from, to - from)
            : alloc.buffer(to - from).writeBytes(input, from, to - from);
        long before = Allocations.current();
        try {
          ch.writeInbound(in);
        } catch (DecoderException e) {
          if (!(e.getCause() instanceof BananaProtocolException)) {
            throw e;
          }
          assertEquals(null, failure, "the decoder failed twice");
          failure = e.getCause().getMessage();
        }
        long allocated = Allocations.current() - before;
        if (measure) {
          assertTrue(
              allocated <= ALLOCATION_ALLOWANCE + 64L * input.length,
              () -> "allocated " + allocated + " bytes for " + input.length + " input bytes: "
                  + dev.spindle.testing.Vectors.toHex(input));
        }
        for (Object o; (o = ch.readInbound()) != null; ) {
          // Expressions completed before the failure, in the same chunk, are still delivered.
          assertTrue(!failedBefore, "an expression after the failure");
          sexps.add((Sexp) o);
        }
        from = to;
      }
    } finally {
      ch.finishAndReleaseAll();
    }
    alloc.assertAllReleased();
    return new Result(sexps, failure);
  }
}
