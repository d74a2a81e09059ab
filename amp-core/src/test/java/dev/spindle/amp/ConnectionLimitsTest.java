package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.amp.testing.GoldenServer;
import dev.spindle.testing.LeakChecked;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The configurable AMP limits on a connection (the real pipeline on an {@code EmbeddedChannel}),
 * at the limit and one past it: at the limit the call is answered; one byte more closes the
 * connection without a reply, as Twisted does, and {@code closeFuture()} fails with a remote
 * {@link TooLongException}. On sending, a key or value over Twisted's limits is refused before
 * anything is written.
 */
@LeakChecked
class ConnectionLimitsTest {
  /** A Sum(1, 2) call, tag 1, padded with a key {@code "pad"} to exactly {@code bytes} bytes. */
  private static AmpBox sumOf(int bytes) {
    AmpBox box = new AmpBox()
        .putString("_ask", "1").putString("_command", "Sum").putString("a", "1").putString("b", "2");
    int padding = bytes - box.encodedLength() - (2 + 3 + 2);
    box.put("pad", new byte[padding]);
    assertEquals(bytes, box.encodedLength());
    return box;
  }

  private static TooLongException closedWith(EmbeddedAmp amp) {
    amp.runPendingTasks();
    assertFalse(amp.channel.isOpen(), "still open");
    assertTrue(amp.written().isEmpty(), "a reply was written");
    CompletableFuture<Void> closed = amp.connection.closeFuture().toCompletableFuture();
    CompletionException e = assertThrows(CompletionException.class, closed::join);
    TooLongException t = assertInstanceOf(TooLongException.class, e.getCause());
    assertFalse(t.isLocal());
    return t;
  }

  @Test
  void aBoxOfExactlyMaxBoxBytesIsAnsweredAndOneByteMoreCloses() {
    AmpServer.Builder builder = AmpServer.builder().locator(new GoldenServer()).maxBoxBytes(200);
    try (EmbeddedAmp amp = EmbeddedAmp.of(builder)) {
      amp.feed(sumOf(200));
      assertEquals("3", amp.onlyWrittenBox().getString("total"));
      amp.feed(sumOf(201));
      assertEquals(201, closedWith(amp).length());
    }
  }

  @Test
  void aKeyOfExactlyMaxKeyLengthIsAnsweredAndOneByteMoreCloses() {
    AmpServer.Builder builder = AmpServer.builder().locator(new GoldenServer()).maxKeyLength(10);
    try (EmbeddedAmp amp = EmbeddedAmp.of(builder)) {
      amp.feed(sumOf(60).put("k".repeat(10), new byte[0]));
      assertEquals("3", amp.onlyWrittenBox().getString("total"));
      amp.feed(sumOf(60).put("k".repeat(11), new byte[0]));
      TooLongException e = closedWith(amp);
      assertTrue(e.isKey());
      assertEquals(11, e.length());
    }
  }

  @Test
  void aValueOfExactlyMaxValueLengthIsAnsweredAndOneByteMoreCloses() {
    AmpServer.Builder builder = AmpServer.builder().locator(new GoldenServer()).maxValueLength(32);
    try (EmbeddedAmp amp = EmbeddedAmp.of(builder)) {
      amp.feed(sumOf(60).put("v", new byte[32]));
      assertEquals("3", amp.onlyWrittenBox().getString("total"));
      amp.feed(sumOf(60).put("v", new byte[33]));
      TooLongException e = closedWith(amp);
      assertFalse(e.isKey());
      assertEquals(33, e.length());
    }
  }

  @Test
  void twistedsLimitsAreRefusedOnSendingBeforeAnythingIsWritten() {
    AmpBox box = new AmpBox();
    box.put(new byte[255], new byte[65_535]); // at the limits
    TooLongException key =
        assertThrows(TooLongException.class, () -> box.put(new byte[256], new byte[0]));
    assertTrue(key.isKey() && key.isLocal());
    assertEquals(256, key.length());
    TooLongException value =
        assertThrows(TooLongException.class, () -> box.put("v", new byte[65_536]));
    assertTrue(!value.isKey() && value.isLocal());
    assertEquals(65_536, value.length());
  }
}
