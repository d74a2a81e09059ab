package dev.spindle.amp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.amp.testing.GoldenMessages;
import dev.spindle.amp.testing.GoldenMessages.Message;
import dev.spindle.amp.testing.LeakChecked;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the framing: chunking never changes the boxes; junk only fails as a codec error. */
@LeakChecked
class AmpBoxCodecPropertyTest {
  private static final int GOLDEN = GoldenMessages.all().size();

  @Property(tries = 300)
  void anySplitOfAGoldenStreamDecodesToTheSameBoxes(
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 10_000) Integer> messages,
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 4000) Integer> cuts) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    List<AmpBox> expected = new ArrayList<>();
    for (int i : messages) {
      Message m = GoldenMessages.all().get(i % GOLDEN);
      stream.writeBytes(m.bytes());
      expected.addAll(m.boxes());
    }
    List<AmpBox> decoded = Chunks.decode(Chunks.split(stream.toByteArray(), cuts));
    AmpBoxDecoderTest.assertBoxes(expected, decoded);
  }

  @Property(tries = 300)
  void randomBoxesRoundTripUnderAnyChunking(
      @ForAll("boxes") List<AmpBox> boxes,
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 20_000) Integer> cuts) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (AmpBox box : boxes) {
      stream.writeBytes(box.toByteArray());
    }
    byte[] bytes = stream.toByteArray();
    assertEquals(
        Chunks.decode(List.of(bytes)).size(), boxes.size(), "whole stream box count");
    List<AmpBox> decoded = Chunks.decode(Chunks.split(bytes, cuts));
    assertEquals(boxes, decoded);
    // Re-encoding what was decoded gives the same bytes (keys were written sorted).
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    for (AmpBox box : decoded) {
      again.writeBytes(box.toByteArray());
    }
    assertEquals(
        dev.spindle.amp.testing.Vectors.toHex(bytes), dev.spindle.amp.testing.Vectors.toHex(again.toByteArray()));
  }

  @Property(tries = 500)
  void junkYieldsBoxesOrCodecErrorsOnly(
      @ForAll("junk") byte[] junk,
      @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 2000) Integer> cuts,
      @ForAll @IntRange(min = 1, max = 255) int maxKey,
      @ForAll @IntRange(min = 0, max = 65535) int maxValue,
      @ForAll @IntRange(min = 2, max = 100_000) int maxBox) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder(maxKey, maxValue, maxBox));
          try {
            boolean failed = false;
            for (byte[] chunk : Chunks.split(junk, cuts)) {
              try {
                ch.writeInbound(Chunks.buffer(ch, chunk));
              } catch (DecoderException e) {
                assertTrue(
                    e.getCause() == null || e.getCause() instanceof TooLongException,
                    "unexpected cause: " + e.getCause());
                assertTrue(!failed, "the decoder must fail once, then discard");
                failed = true;
              }
              Object box;
              while ((box = ch.readInbound()) != null) {
                assertTrue(box instanceof AmpBox, "decoded " + box);
                AmpBox b = (AmpBox) box;
                assertTrue(b.encodedLength() <= maxBox, "box over the limit decoded");
              }
            }
          } finally {
            ch.finishAndReleaseAll();
          }
        });
  }

  @Provide
  Arbitrary<byte[]> junk() {
    // Mostly small length prefixes, so that junk often parses for a while before failing.
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(3000);
    Arbitrary<byte[]> plausible =
        Arbitraries.bytes().between((byte) 0, (byte) 4).array(byte[].class).ofMaxSize(3000);
    return Arbitraries.oneOf(random, plausible);
  }

  @Provide
  Arbitrary<List<AmpBox>> boxes() {
    Arbitrary<byte[]> keys = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(255);
    Arbitrary<byte[]> values =
        Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(3000));
    Arbitrary<AmpBox> box =
        Combinators.combine(keys, values).as(Pair::new).list().ofMaxSize(24)
            .map(
                pairs -> {
                  AmpBox b = new AmpBox();
                  for (Pair p : pairs) {
                    b.put(p.key, p.value);
                  }
                  return b;
                });
    return box.list().ofMaxSize(6);
  }

  private record Pair(byte[] key, byte[] value) {}
}
