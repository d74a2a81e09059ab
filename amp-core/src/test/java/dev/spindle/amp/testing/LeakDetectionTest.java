package dev.spindle.amp.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.codec.AmpBoxDecoder;
import dev.spindle.testing.LeakDetection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The leak check itself: a buffer dropped without release is reported, a released one is not. */
class LeakDetectionTest {
  @Test
  void droppedBufferIsReported() {
    System.err.println("[expected] LeakDetectionTest leaks a buffer on purpose: a LEAK report follows");
    LeakDetection.install();
    LeakDetection.collect(); // start clean
    leakOne();
    List<String> leaks = LeakDetection.collect();
    assertFalse(leaks.isEmpty(), "the leaked buffer was not reported");
    assertTrue(leaks.get(0).contains("LEAK") || leaks.get(0).contains("leaked"), leaks.get(0));
  }

  @Test
  void bufferLeftUnreadInAnEmbeddedChannelIsReported() {
    System.err.println("[expected] LeakDetectionTest leaves a buffer unread on purpose: a LEAK report follows");
    LeakDetection.install();
    LeakDetection.collect();
    unreadOutbound();
    assertFalse(LeakDetection.collect().isEmpty());
  }

  @Test
  void releasedBufferIsNotReported() {
    LeakDetection.install();
    LeakDetection.collect();
    ByteBuf buf = io.netty.buffer.ByteBufAllocator.DEFAULT.buffer(16).writeLong(1);
    buf.release();
    assertTrue(LeakDetection.collect().isEmpty());
  }

  private static void leakOne() {
    ByteBuf buf = io.netty.buffer.ByteBufAllocator.DEFAULT.directBuffer(16);
    buf.writeLong(42);
    // dropped
  }

  private static void unreadOutbound() {
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder());
    ch.writeOutbound(ch.alloc().buffer(4).writeInt(7));
    // neither read nor released: finish() without release
    ch.finish();
  }
}
