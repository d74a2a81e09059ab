package dev.spindle.pb.banana;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** The leak check itself: a dropped buffer must fail it. */
class LeakCheckTest {
  @Test
  void aDroppedBufferFailsTheCheck() throws InterruptedException {
    LeakCheck.assertNoLeaks(); // start clean
    leak();
    AssertionError e = assertThrows(AssertionError.class, LeakCheck::assertNoLeaks);
    assertTrue(e.getMessage().contains("leak"), e.getMessage());
    LeakCheck.assertNoLeaks(); // the reported leak was consumed
  }

  private static void leak() {
    ByteBuf b = UnpooledByteBufAllocator.DEFAULT.buffer(16);
    b.writeInt(42); // never released
  }
}
