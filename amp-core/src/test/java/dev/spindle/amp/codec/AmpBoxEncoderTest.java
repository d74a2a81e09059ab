package dev.spindle.amp.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.testing.GoldenMessages;
import dev.spindle.amp.testing.GoldenMessages.Message;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.Vectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@LeakChecked
class AmpBoxEncoderTest {
  static Stream<Message> goldenMessages() {
    return GoldenMessages.all().stream();
  }

  /** Encodes {@code boxes} through the encoder in an EmbeddedChannel; one buffer per box. */
  static List<byte[]> encode(List<AmpBox> boxes) {
    EmbeddedChannel ch = new EmbeddedChannel(AmpBoxEncoder.INSTANCE);
    try {
      List<byte[]> out = new ArrayList<>();
      for (AmpBox box : boxes) {
        ch.writeOutbound(box);
        ByteBuf buf = ch.readOutbound();
        try {
          // Sized exactly up front: one allocation, no growth.
          assertEquals(box.encodedLength(), buf.readableBytes());
          assertEquals(box.encodedLength(), buf.capacity());
          out.add(ByteBufUtil.getBytes(buf));
        } finally {
          buf.release();
        }
      }
      assertNull(ch.readOutbound());
      return out;
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goldenMessages")
  void reencodesGoldenMessageExactly(Message m) {
    String expected = Vectors.toHex(m.bytes());
    // AmpBox.toByteArray
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (AmpBox box : m.boxes()) {
      out.writeBytes(box.toByteArray());
    }
    assertEquals(expected, Vectors.toHex(out.toByteArray()), "toByteArray");
    // AmpBoxEncoder in a pipeline
    assertEquals(expected, Vectors.toHex(concat(encode(m.boxes()))), "AmpBoxEncoder");
    // Twisted sorts keys: insert them in reverse and the bytes are the same.
    List<AmpBox> reversed = new ArrayList<>();
    for (AmpBox box : m.boxes()) {
      AmpBox r = new AmpBox();
      for (int i = box.size() - 1; i >= 0; i--) {
        r.put(box.keyAt(i), box.valueAt(i));
      }
      reversed.add(r);
    }
    assertEquals(expected, Vectors.toHex(concat(encode(reversed))), "keys inserted in reverse");
  }

  @Test
  void keysSortAsUnsignedBytes() {
    // 'A' (0x41) < '_' (0x5f) < 'a' (0x61) < 0x80 < 0xff: a signed comparison would put the last
    // two first.
    AmpBox box = new AmpBox();
    byte[][] keys = {
      {(byte) 0xff}, {'a'}, {(byte) 0x80}, {'_', 'a', 's', 'k'}, {'A'}, {'a', 0}, {0x01}
    };
    for (byte[] k : keys) {
      box.put(k, new byte[] {'v'});
    }
    List<AmpBox> decoded = Chunks.decode(encode(List.of(box)));
    List<String> order = decoded.get(0).keys();
    assertEquals(
        List.of("\u0001", "A", "_ask", "a", "a\u0000", "\u0080", "\u00ff"), order);
  }

  @Test
  void callRemoteStringKeyOrderVector() {
    // amp-boxes.json: "keys sort as unsigned bytes ('A' < '_' < 'a')"
    AmpBox box = new AmpBox().putString("z", "1").putString("_x", "3")
        .putString("_command", "raw").putString("A", "2");
    assertEquals("000141000132" + "00085f636f6d6d616e6400037261770002" + "5f7800013300017a0001310000",
        Vectors.toHex(concat(encode(List.of(box)))));
  }

  @Test
  void emptyBoxIsTwoZeroBytes() {
    assertArrayEquals(new byte[] {0, 0}, concat(encode(List.of(new AmpBox()))));
  }

  @Test
  void largestKeyAndValueEncode() {
    byte[] key = new byte[255];
    byte[] value = new byte[65535];
    java.util.Arrays.fill(key, (byte) 'k');
    java.util.Arrays.fill(value, (byte) 'v');
    AmpBox box = new AmpBox().put(key, value);
    byte[] bytes = concat(encode(List.of(box)));
    assertEquals(2 + 255 + 2 + 65535 + 2, bytes.length);
    assertEquals(0x00, bytes[0]);
    assertEquals((byte) 0xff, bytes[1]);
    assertEquals((byte) 0xff, bytes[2 + 255]);
    assertEquals((byte) 0xff, bytes[2 + 255 + 1]);
    assertEquals(List.of(box), Chunks.decode(List.of(bytes)));
  }

  @Test
  void manyBoxesWrittenInOneFlushStayInOrder() {
    EmbeddedChannel ch = new EmbeddedChannel(AmpBoxEncoder.INSTANCE);
    try {
      List<AmpBox> boxes = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        AmpBox b = new AmpBox().putString("n", Integer.toString(i));
        boxes.add(b);
        ch.write(b);
      }
      ch.flush();
      List<byte[]> out = new ArrayList<>();
      ByteBuf buf;
      while ((buf = ch.readOutbound()) != null) {
        out.add(ByteBufUtil.getBytes(buf));
        buf.release();
      }
      assertEquals(boxes, Chunks.decode(out));
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void wireOrderOfALargeUnsortedBoxIsSorted() {
    AmpBox box = new AmpBox();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      keys.add("k" + i);
    }
    Collections.shuffle(keys, new java.util.Random(7));
    for (String k : keys) {
      box.putString(k, k);
    }
    List<String> sorted = new ArrayList<>(keys);
    sorted.sort((a, b) -> java.util.Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII)));
    List<String> wire = new ArrayList<>();
    for (int i : box.wireOrder()) {
      wire.add(new String(box.keyAt(i), StandardCharsets.US_ASCII));
    }
    assertEquals(sorted, wire);
    assertTrue(box.containsKey("k499"));
    assertEquals("k250", box.getString("k250"));
  }
}
