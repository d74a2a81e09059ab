package dev.spindle.amp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.testing.BoxBytes;
import dev.spindle.testing.LeakChecked;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

@LeakChecked
class BatchingBoxEncoderTest {
  private static AmpBox box(int i) {
    return new AmpBox().putString("n", Integer.toString(i)).putString("_ask", "x");
  }

  private static List<byte[]> drain(EmbeddedChannel ch) {
    List<byte[]> out = new ArrayList<>();
    ByteBuf buf;
    while ((buf = ch.readOutbound()) != null) {
      try {
        out.add(ByteBufUtil.getBytes(buf));
      } finally {
        buf.release();
      }
    }
    return out;
  }

  @Test
  void boxesWrittenBeforeAFlushGoOutAsOneBufferWithTheSameBytes() {
    EmbeddedChannel ch = new EmbeddedChannel(new BatchingBoxEncoder());
    try {
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      List<AmpBox> boxes = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        AmpBox b = box(i);
        boxes.add(b);
        expected.writeBytes(b.toByteArray());
        ch.write(b, ch.voidPromise());
      }
      assertNull(ch.readOutbound(), "nothing before the flush");
      ch.flush();
      List<byte[]> out = drain(ch);
      assertTrue(out.size() < 10, "batched: " + out.size() + " buffers");
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      out.forEach(got::writeBytes);
      assertArrayEquals(expected.toByteArray(), got.toByteArray());
      List<AmpBox> decoded = new ArrayList<>();
      out.forEach(b -> decoded.addAll(BoxBytes.parse(b)));
      assertEquals(boxes, decoded);
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void largeBoxesAndManyFlushesKeepOrder() {
    EmbeddedChannel ch = new EmbeddedChannel(new BatchingBoxEncoder());
    try {
      ByteArrayOutputStream expected = new ByteArrayOutputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      for (int round = 0; round < 50; round++) {
        for (int i = 0; i <= round % 7; i++) {
          byte[] value = new byte[(round * 4099 + i * 977) % 65536];
          Arrays.fill(value, (byte) round);
          AmpBox b = new AmpBox().put("v".getBytes(), value);
          expected.writeBytes(b.toByteArray());
          ch.write(b, ch.voidPromise());
        }
        ch.flush();
        drain(ch).forEach(got::writeBytes);
      }
      assertArrayEquals(expected.toByteArray(), got.toByteArray());
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void aBoxWithItsOwnPromiseIsWrittenAloneAfterTheBatch() {
    EmbeddedChannel ch = new EmbeddedChannel(new BatchingBoxEncoder());
    try {
      ch.write(box(1), ch.voidPromise());
      ch.write(box(2), ch.voidPromise());
      ChannelFuture f = ch.write(box(3));
      ch.flush();
      assertTrue(f.isSuccess());
      List<byte[]> out = drain(ch);
      assertEquals(2, out.size());
      assertEquals(List.of(box(1), box(2)), BoxBytes.parse(out.get(0)));
      assertEquals(List.of(box(3)), BoxBytes.parse(out.get(1)));
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void otherMessagesGoOutAfterTheBoxesBeforeThem() {
    EmbeddedChannel ch = new EmbeddedChannel(new BatchingBoxEncoder());
    try {
      ch.write(box(1), ch.voidPromise());
      ch.write(Unpooled.wrappedBuffer(new byte[] {9}));
      ch.write(box(2), ch.voidPromise());
      ch.flush();
      List<byte[]> out = drain(ch);
      assertEquals(3, out.size());
      assertEquals(List.of(box(1)), BoxBytes.parse(out.get(0)));
      assertArrayEquals(new byte[] {9}, out.get(1));
      assertEquals(List.of(box(2)), BoxBytes.parse(out.get(2)));
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Test
  void closeReleasesAnUnflushedBatch() {
    EmbeddedChannel ch = new EmbeddedChannel(new BatchingBoxEncoder());
    ch.write(box(1), ch.voidPromise());
    ch.close();
    assertFalse(ch.isOpen());
    assertNull(ch.readOutbound());
    ch.finishAndReleaseAll();
  }

  @Test
  void removingTheHandlerReleasesAnUnflushedBatch() {
    EmbeddedChannel ch = new EmbeddedChannel(new BatchingBoxEncoder());
    try {
      ch.write(box(1), ch.voidPromise());
      ch.pipeline().removeFirst();
      assertNull(ch.readOutbound());
    } finally {
      ch.finishAndReleaseAll();
    }
  }
}
