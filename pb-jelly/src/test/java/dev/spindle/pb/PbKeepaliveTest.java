package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.testing.LeakChecked;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The PB keepalive between two Spindle ends on EmbeddedChannels whose clock the test moves: the
 * ping to object id 0 is answered by Spindle's broker (as Twisted's answers it, see the interop
 * tests), and an unanswered ping closes the connection.
 */
@LeakChecked
@Timeout(60)
class PbKeepaliveTest {
  private static void advance(EmbeddedPb side, long millis) {
    side.channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    side.channel.runScheduledPendingTasks();
    side.channel.runPendingTasks();
  }

  private static EmbeddedPair pair() {
    EmbeddedPair pair = new EmbeddedPair(new PbCallDeadlineTest.Held(), PbServer.builder(),
        PbClient.builder().keepalive(Duration.ofSeconds(1), Duration.ofSeconds(5)));
    pair.client.channel.freezeTime();
    // A read at the frozen time, so idleness is measured from it, however slow the machine.
    CompletableFuture<Object> count = pair.root().callRemote("count");
    pair.pump();
    assertEquals(1L, count.join());
    return pair;
  }

  @Test
  void anIdleConnectionIsPingedAndTheAnswerKeepsItOpen() {
    try (EmbeddedPair pair = pair()) {
      advance(pair.client, 900);
      assertEquals(0, pair.client.connection.pendingCallCount(), "not idle long enough yet");
      advance(pair.client, 200);
      assertEquals(1, pair.client.connection.pendingCallCount(), "the ping");
      pair.pump(); // the server answers pb.Error("Invalid Object ID")
      assertEquals(0, pair.client.connection.pendingCallCount());
      assertEquals(1, pair.server.connection.exportedObjectCount(), "nothing made on the server");
      for (int i = 0; i < 5; i++) {
        advance(pair.client, 2_000);
        pair.pump();
      }
      assertTrue(pair.client.connection.isOpen());
      assertTrue(pair.server.connection.isOpen());
      CompletableFuture<Object> count = pair.root().callRemote("count");
      pair.pump();
      assertEquals(2L, count.join());
    }
  }

  @Test
  void anUnansweredPingClosesTheConnectionAndFailsPendingCalls() {
    try (EmbeddedPair pair = pair()) {
      CompletableFuture<Object> pending = pair.root().callRemote("hold");
      pair.pump();
      advance(pair.client, 1_100); // the ping goes out; the test never carries it to the server
      assertEquals(2, pair.client.connection.pendingCallCount());
      advance(pair.client, 4_800);
      assertTrue(pair.client.connection.isOpen(), "the ping's timeout has not passed");
      advance(pair.client, 300);
      assertFalse(pair.client.connection.isOpen());
      PbConnectionLostException lost = assertInstanceOf(PbConnectionLostException.class,
          assertThrows(CompletionException.class, pending::join).getCause());
      assertTrue(lost.getMessage().contains("keepalive"), lost.getMessage());
    }
  }
}
