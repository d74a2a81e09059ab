package dev.spindle.amp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.amp.testing.GoldenMessages;
import dev.spindle.amp.testing.GoldenMessages.Message;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.Vectors;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@LeakChecked
class AmpBoxDecoderTest {
  static Stream<Message> goldenMessages() {
    return GoldenMessages.all().stream();
  }

  /** Compares keys (in wire order) and values. */
  static void assertBoxes(List<AmpBox> expected, List<AmpBox> actual) {
    assertEquals(expected.size(), actual.size(), "box count");
    for (int i = 0; i < expected.size(); i++) {
      AmpBox e = expected.get(i);
      AmpBox a = actual.get(i);
      assertEquals(e.keys(), a.keys(), "keys of box " + i);
      for (int k = 0; k < e.size(); k++) {
        assertArrayEquals(e.valueAt(k), a.valueAt(k), "value of " + e.keys().get(k));
      }
      assertEquals(e, a);
    }
  }

  @Test
  void goldenVectorsAreLoaded() {
    // 2 vector files: every transcript message with boxes, and the amp-boxes requests/responses.
    assertTrue(GoldenMessages.all().size() > 150, "messages: " + GoldenMessages.all().size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenMessages")
  void decodesGoldenMessageWholeAndOneByteAtATime(Message m) {
    assertBoxes(m.boxes(), Chunks.decode(List.of(m.bytes())));
    if (m.bytes().length > 4096) {
      // The 65,535-byte value: split every 7 bytes instead, to keep the run short.
      List<Integer> cuts = new java.util.ArrayList<>();
      for (int i = 7; i < m.bytes().length; i += 7) {
        cuts.add(i);
      }
      assertBoxes(m.boxes(), Chunks.decode(Chunks.split(m.bytes(), cuts)));
      return;
    }
    assertBoxes(m.boxes(), Chunks.decode(Chunks.bytewise(m.bytes())));
  }

  @Test
  void decodesAllGoldenMessagesAsOneStream() {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    List<AmpBox> expected = new java.util.ArrayList<>();
    for (Message m : GoldenMessages.all()) {
      all.writeBytes(m.bytes());
      expected.addAll(m.boxes());
    }
    assertBoxes(expected, Chunks.decode(List.of(all.toByteArray())));
  }

  @Test
  void keyLength256IsRemoteKeyTooLongAndLaterInputIsDiscarded() {
    // The key-too-long transcript: a 256 prefix and 256 'k's.
    byte[] bytes = new byte[2 + 256];
    bytes[0] = 0x01;
    Arrays.fill(bytes, 2, bytes.length, (byte) 'k');
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder());
    try {
      DecoderException e =
          assertThrows(DecoderException.class, () -> ch.writeInbound(Chunks.buffer(ch, bytes)));
      TooLongException tooLong = assertInstanceOf(TooLongException.class, e.getCause());
      assertTrue(tooLong.isKey());
      assertFalse(tooLong.isLocal());
      assertEquals(256, tooLong.length());
      // A valid box afterwards is discarded, not decoded.
      assertFalse(ch.writeInbound(Chunks.buffer(ch, sumBox())));
      assertNull(ch.readInbound());
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void keyLengthPrefixIsCheckedBeforeTheKeyArrives() {
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder());
    try {
      DecoderException e =
          assertThrows(
              DecoderException.class,
              () -> ch.writeInbound(Chunks.buffer(ch, new byte[] {(byte) 0xff, (byte) 0xff})));
      assertInstanceOf(TooLongException.class, e.getCause());
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void boxesBeforeABadKeyInTheSameReadAreEmitted() {
    byte[] good = sumBox();
    byte[] bytes = Arrays.copyOf(good, good.length + 2);
    bytes[good.length] = 0x01; // key length 256
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder());
    try {
      assertThrows(DecoderException.class, () -> ch.writeInbound(Chunks.buffer(ch, bytes)));
      AmpBox box = ch.readInbound();
      assertEquals("Sum", box.getString("_command"));
      assertNull(ch.readInbound());
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void keyAtConfiguredLimitIsAcceptedAndOneMoreIsRefused() {
    AmpBox ok = new AmpBox().put(new byte[10], "v".getBytes(StandardCharsets.US_ASCII));
    AmpBox bad = new AmpBox().put(new byte[11], "v".getBytes(StandardCharsets.US_ASCII));
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder(10, 65535, 1 << 20));
    try {
      assertEquals(List.of(ok), Chunks.feed(ch, List.of(ok.toByteArray())));
      DecoderException e =
          assertThrows(DecoderException.class, () -> ch.writeInbound(Chunks.buffer(ch, bad.toByteArray())));
      TooLongException tooLong = assertInstanceOf(TooLongException.class, e.getCause());
      assertTrue(tooLong.isKey());
      assertEquals(11, tooLong.length());
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void valueAboveConfiguredMaxValueLengthIsRemoteValueTooLong() {
    AmpBox ok = new AmpBox().put("k", new byte[100]);
    AmpBox bad = new AmpBox().put("k", new byte[101]);
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder(255, 100, 1 << 20));
    try {
      assertEquals(List.of(ok), Chunks.feed(ch, List.of(ok.toByteArray())));
      // Only the prefix of the bad box: the limit is enforced before the value arrives.
      byte[] head = Arrays.copyOf(bad.toByteArray(), 2 + 1 + 2);
      DecoderException e =
          assertThrows(DecoderException.class, () -> ch.writeInbound(Chunks.buffer(ch, head)));
      TooLongException tooLong = assertInstanceOf(TooLongException.class, e.getCause());
      assertFalse(tooLong.isKey());
      assertFalse(tooLong.isLocal());
      assertEquals(101, tooLong.length());
      assertFalse(ch.writeInbound(Chunks.buffer(ch, ok.toByteArray())));
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void valueOf65535BytesIsAcceptedByDefault() {
    byte[] value = new byte[65535];
    Arrays.fill(value, (byte) 'a');
    AmpBox box = new AmpBox().put("k", value);
    assertEquals(List.of(box), Chunks.decode(Chunks.split(box.toByteArray(), List.of(3, 1000, 40000))));
  }

  @Test
  void boxOfExactlyMaxBoxBytesIsAcceptedAndOneByteMoreIsRefused() {
    AmpBox ok = new AmpBox().put("a", new byte[10]).put("b", new byte[20]);
    int limit = ok.encodedLength(); // 2+1+2+10 + 2+1+2+20 + 2 = 42
    assertEquals(42, limit);
    AmpBox bad = new AmpBox().put("a", new byte[10]).put("b", new byte[21]);
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder(255, 65535, limit));
    try {
      assertEquals(List.of(ok), Chunks.feed(ch, Chunks.bytewise(ok.toByteArray())));
      DecoderException e =
          assertThrows(DecoderException.class, () -> ch.writeInbound(Chunks.buffer(ch, bad.toByteArray())));
      TooLongException tooLong = assertInstanceOf(TooLongException.class, e.getCause());
      assertFalse(tooLong.isLocal());
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void terminatorCountsTowardsMaxBoxBytes() {
    AmpBox box = new AmpBox().put("a", new byte[0]); // 2+1+2+0+2 = 7 bytes
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder(255, 65535, 6));
    try {
      DecoderException e =
          assertThrows(DecoderException.class, () -> ch.writeInbound(Chunks.buffer(ch, box.toByteArray())));
      assertInstanceOf(TooLongException.class, e.getCause());
      assertNull(ch.readInbound());
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void maxBoxBytesIsPerBox() {
    AmpBox box = new AmpBox().put("a", new byte[10]); // 17 bytes
    byte[] one = box.toByteArray();
    byte[] three = new byte[one.length * 3];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(one, 0, three, i * one.length, one.length);
    }
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder(255, 65535, one.length));
    try {
      assertEquals(List.of(box, box, box), Chunks.feed(ch, List.of(three)));
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void emptyKeyEndsTheBox() {
    byte[] bytes = Vectors.hex("000161000162" + "0000" + "000163000164" + "0000");
    List<AmpBox> boxes = Chunks.decode(List.of(bytes));
    assertEquals(2, boxes.size());
    assertEquals(List.of("a"), boxes.get(0).keys());
    assertEquals("b", boxes.get(0).getString("a"));
    assertEquals(List.of("c"), boxes.get(1).keys());
  }

  @Test
  void emptyBoxIsEmitted() {
    // The empty-box transcript: 00 00 is a box; the dispatcher, not the decoder, rejects it.
    List<AmpBox> boxes = Chunks.decode(Chunks.bytewise(Vectors.hex("0000" + "0000")));
    assertEquals(2, boxes.size());
    assertTrue(boxes.get(0).isEmpty());
    assertTrue(boxes.get(1).isEmpty());
  }

  @Test
  void emptyValueIsKept() {
    List<AmpBox> boxes = Chunks.decode(List.of(Vectors.hex("0001610000" + "0000")));
    assertArrayEquals(new byte[0], boxes.get(0).get("a"));
  }

  @Test
  void laterDuplicateKeyWins() {
    List<AmpBox> boxes = Chunks.decode(List.of(Vectors.hex("000161000131000161000132" + "0000")));
    assertEquals(1, boxes.get(0).size());
    assertEquals("2", boxes.get(0).getString("a"));
  }

  @Test
  void partialBoxAtCloseIsDroppedWithoutLeaking() {
    byte[] sum = sumBox();
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder());
    ch.writeInbound(Chunks.buffer(ch, Arrays.copyOf(sum, sum.length - 3)));
    assertNull(ch.readInbound());
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void boxWithManyDistinctKeysDecodesInLinearTime() {
    // 200,000 distinct 3-byte keys (1.4 MB, under the 16 MiB default): a linear key search per
    // pair would take minutes.
    int n = 200_000;
    ByteArrayOutputStream out = new ByteArrayOutputStream(n * 7 + 2);
    for (int i = 0; i < n; i++) {
      out.write(0);
      out.write(3);
      out.write(i >>> 16);
      out.write(i >>> 8);
      out.write(i);
      out.write(0);
      out.write(0);
    }
    out.write(0);
    out.write(0);
    byte[] bytes = out.toByteArray();
    // An unpooled wrapper is not leak-tracked: PARANOID tracking records a stack trace per buffer
    // access, which on a loaded machine made this test about the leak detector's speed.
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder());
    List<AmpBox> boxes = new ArrayList<>();
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          ch.writeInbound(Unpooled.wrappedBuffer(bytes));
          boxes.add(ch.readInbound());
        });
    assertFalse(ch.finishAndReleaseAll());
    assertEquals(n, boxes.get(0).size());
    assertArrayEquals(new byte[0], boxes.get(0).get(new byte[] {0x01, 0x00, 0x00}));
    // Re-encoding sorts them without quadratic work either.
    byte[] again = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> boxes.get(0).toByteArray());
    assertArrayEquals(bytes, again);
  }

  static byte[] sumBox() {
    return Vectors.hex("00045f61736b00013100085f636f6d6d616e64000353756d0001610001310001620001320000");
  }
}
