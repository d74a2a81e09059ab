package dev.spindle.amp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.testing.Allocations;
import dev.spindle.testing.FuzzInputs;
import dev.spindle.testing.Seeds;
import dev.spindle.testing.TrackingAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
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
 * Coverage-guided fuzzing of {@link AmpBoxDecoder}, seeded with every byte string of the AMP golden
 * vectors. In a plain build Jazzer runs the seeds (regression mode); with {@code JAZZER_FUZZ=1} it
 * fuzzes (see SECURITY.md).
 *
 * <p>Invariants: the only failure is a {@link TooLongException}, once, after which nothing more is
 * decoded; the boxes decoded re-encode to exactly the bytes they came from; decoding in chunks
 * gives the same boxes and the same failure as decoding at once; no box over {@code maxBoxBytes}
 * is emitted; every buffer is released; allocation follows the bytes received, not the lengths
 * claimed (checked by a plain test over the seeds, findings and generated corpus).
 *
 * <p>Buffers are checked per input with a {@link TrackingAllocator} rather than with {@code
 * LeakChecked}, whose garbage collections after each of hundreds of seeds would cost minutes; the
 * suite-wide leak check still runs after the class.
 */
class AmpBoxDecoderFuzzTest {
  /**
   * Allowed allocation for one input fed at once, beyond {@link #PER_BYTE} per input byte: the
   * exception and the like; far below what a single claimed 64 KiB value would cost if it were
   * reserved before its bytes arrived.
   */
  private static final long ALLOCATION_ALLOWANCE = 16 * 1024;

  /** An empty box ({@code 00 00}) costs an {@code AmpBox} of a few hundred bytes. */
  private static final long PER_BYTE = 256;

  static Stream<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>(Seeds.hex("amp-boxes.json"));
    seeds.addAll(Seeds.hex("amp-transcript.json"));
    return seeds.stream();
  }

  @BeforeAll
  static void warmUp() {
    // Class loading and first-time initialization are not the decoder's allocations.
    seeds().forEach(s -> decode(new AmpBoxDecoder(), s, null));
    decode(new AmpBoxDecoder(1, 1, 2), new byte[] {0, 2, 1, 1}, null);
  }

  /**
   * Allocation follows the bytes received, not the lengths claimed: every seed, finding and
   * generated corpus entry fed at once. A plain test, because Jazzer's comparison hooks, active
   * while a fuzz test runs, allocate on their own; after a fuzzing run, run this class again
   * without {@code JAZZER_FUZZ} to check the whole corpus.
   */
  @Test
  void allocationFollowsTheBytesReceived() {
    Assumptions.assumeFalse(FuzzInputs.fuzzing(), "Jazzer's hooks are on while fuzzing");
    List<byte[]> inputs = new ArrayList<>(seeds().toList());
    inputs.addAll(FuzzInputs.of(AmpBoxDecoderFuzzTest.class, "decodeBoxes"));
    for (byte[] input : inputs) {
      decode(new AmpBoxDecoder(), input, null, false); // a path's first run links and loads code
      decode(new AmpBoxDecoder(), input, null, true);
    }
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "30s")
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // the first input also pays for Jazzer's agent
  void decodeBoxes(byte[] input) {
    SplittableRandom random = new SplittableRandom(java.util.Arrays.hashCode(input));
    Result whole = decode(new AmpBoxDecoder(), input, null);
    Result chunked = decode(new AmpBoxDecoder(), input, random);
    assertEquals(whole, chunked, "chunking changed the result");
    assertRoundTrip(input, whole);

    int maxKey = 1 + random.nextInt(255);
    int maxValue = random.nextInt(300);
    int maxBox = 2 + random.nextInt(600);
    Result limited = decode(new AmpBoxDecoder(maxKey, maxValue, maxBox), input, random);
    assertRoundTrip(input, limited);
    for (AmpBox box : limited.boxes) {
      assertTrue(box.encodedLength() <= maxBox, "a box over maxBoxBytes was emitted");
      for (int i = 0; i < box.size(); i++) {
        assertTrue(box.keyAt(i).length <= maxKey && box.valueAt(i).length <= maxValue);
      }
    }
  }

  /** The decoded boxes, and the failure if there was one (only ever a TooLongException). */
  private record Result(List<AmpBox> boxes, String failure) {}

  private static Result decode(AmpBoxDecoder decoder, byte[] input, SplittableRandom chunks) {
    return decode(decoder, input, chunks, false);
  }

  private static Result decode(
      AmpBoxDecoder decoder, byte[] input, SplittableRandom chunks, boolean measure) {
    EmbeddedChannel ch = new EmbeddedChannel();
    TrackingAllocator alloc = new TrackingAllocator();
    ch.config().setAllocator(alloc);
    ch.pipeline().addLast(decoder);
    List<AmpBox> boxes = new ArrayList<>();
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
          if (!(e.getCause() instanceof TooLongException)) {
            throw e;
          }
          assertEquals(null, failure, "the decoder failed twice");
          failure = e.getCause().getMessage();
        }
        long allocated = Allocations.current() - before;
        if (measure) {
          assertTrue(
              allocated <= ALLOCATION_ALLOWANCE + PER_BYTE * input.length,
              () -> "allocated " + allocated + " bytes for " + input.length + " input bytes: "
                  + dev.spindle.testing.Vectors.toHex(input));
        }
        for (Object o; (o = ch.readInbound()) != null; ) {
          // Boxes completed before the failure, in the same chunk, are still delivered.
          assertTrue(!failedBefore, "a box after the failure");
          boxes.add((AmpBox) o);
        }
        from = to;
      }
    } finally {
      ch.finishAndReleaseAll();
    }
    alloc.assertAllReleased();
    return new Result(boxes, failure);
  }

  /** The boxes re-encode to the input's first bytes (keys in the order they came, if sorted). */
  private static void assertRoundTrip(byte[] input, Result result) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (AmpBox box : result.boxes) {
      out.writeBytes(box.toByteArray());
    }
    byte[] encoded = out.toByteArray();
    assertTrue(encoded.length <= input.length, "decoded more than was sent");
    if (sortedAndUnique(input)) {
      assertArrayEquals(java.util.Arrays.copyOf(input, encoded.length), encoded);
    }
  }

  /**
   * True if every complete key in the input comes after the previous one of its box (Twisted's
   * order, no duplicates), so that re-encoding gives the same bytes.
   */
  private static boolean sortedAndUnique(byte[] input) {
    int length = input.length;
    int p = 0;
    byte[] last = null;
    while (p + 2 <= length) {
      int k = ((input[p] & 0xff) << 8) | (input[p + 1] & 0xff);
      p += 2;
      if (k == 0) {
        last = null;
        continue;
      }
      if (p + k + 2 > length) {
        break;
      }
      byte[] key = java.util.Arrays.copyOfRange(input, p, p + k);
      if (last != null && java.util.Arrays.compareUnsigned(last, key) >= 0) {
        return false;
      }
      last = key;
      p += k;
      int v = ((input[p] & 0xff) << 8) | (input[p + 1] & 0xff);
      p += 2 + v;
    }
    return true;
  }
}
