package dev.spindle.amp.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.amp.testing.GoldenMessages;
import dev.spindle.amp.testing.GoldenMessages.Message;
import dev.spindle.cred.testing.Gens;
import dev.spindle.cred.testing.Theories;
import dev.spindle.testing.LeakChecked;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of the framing: chunking never changes the boxes; junk only fails as a codec error. */
@LeakChecked
class AmpBoxCodecPropertyTest {
  private static final int GOLDEN = GoldenMessages.all().size();

  @Test
  void anySplitOfAGoldenStreamDecodesToTheSameBoxes() {
    Theories.qt(330)
        .forAll(Gens.lists(Gens.ints(0, 10_000), 1, 12), Gens.lists(Gens.ints(0, 4000), 0, 40))
        .checkAssert(AmpBoxCodecPropertyTest::anySplitOfAGoldenStreamDecodesToTheSameBoxes);
  }

  static void anySplitOfAGoldenStreamDecodesToTheSameBoxes(List<Integer> messages, List<Integer> cuts) {
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

  @Test
  void randomBoxesRoundTripUnderAnyChunking() {
    Theories.qt(330)
        .forAll(boxes(), Gens.lists(Gens.ints(0, 20_000), 0, 30))
        .checkAssert(AmpBoxCodecPropertyTest::randomBoxesRoundTripUnderAnyChunking);
  }

  static void randomBoxesRoundTripUnderAnyChunking(List<AmpBox> boxes, List<Integer> cuts) {
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
        dev.spindle.testing.Vectors.toHex(bytes), dev.spindle.testing.Vectors.toHex(again.toByteArray()));
  }

  /** The decoder's limits, drawn together. */
  record Limits(int maxKey, int maxValue, int maxBox) {}

  @Test
  void junkYieldsBoxesOrCodecErrorsOnly() {
    Gen<Limits> limits = Gens.ints(1, 255).zip(Gens.ints(0, 65535), Gens.ints(2, 100_000), Limits::new);
    Theories.qt(500)
        .forAll(junk(), Gens.lists(Gens.ints(0, 2000), 0, 20), limits)
        .checkAssert(AmpBoxCodecPropertyTest::junkYieldsBoxesOrCodecErrorsOnly);
  }

  static void junkYieldsBoxesOrCodecErrorsOnly(byte[] junk, List<Integer> cuts, Limits limits) {
    int maxKey = limits.maxKey();
    int maxValue = limits.maxValue();
    int maxBox = limits.maxBox();
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

  static Gen<byte[]> junk() {
    // Mostly small length prefixes, so that junk often parses for a while before failing.
    return Gens.oneOf(Gens.bytes(0, 3000), Gens.bytes(0, 3000, 0, 4));
  }

  static Gen<List<AmpBox>> boxes() {
    Gen<byte[]> keys = Gens.bytes(1, 255);
    Gen<byte[]> values = Gens.oneOf(Gens.bytes(0, 40), Gens.bytes(0, 3000));
    Gen<AmpBox> box =
        Gens.lists(keys.zip(values, Pair::new), 0, 24)
            .map(
                pairs -> {
                  AmpBox b = new AmpBox();
                  for (Pair p : pairs) {
                    b.put(p.key, p.value);
                  }
                  return b;
                });
    return Gens.lists(box, 0, 6);
  }

  private record Pair(byte[] key, byte[] value) {}
}
