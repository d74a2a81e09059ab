package dev.spindle.amp;

import static dev.spindle.amp.TranscriptReplayTest.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.AmpTimeoutException;
import dev.spindle.amp.exceptions.TooManyCallsException;
import dev.spindle.amp.testing.GoldenCommands;
import dev.spindle.amp.testing.GoldenCommands.Sum;
import dev.spindle.testing.LeakChecked;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Deadlines, cancellation and the outstanding-call limits of one connection, on an
 * EmbeddedChannel whose clock the test moves: nothing here waits for real time.
 */
@LeakChecked
class CallDeadlineTest {
  private static EmbeddedAmp client(AmpClient.Builder builder) {
    EmbeddedAmp amp = EmbeddedAmp.of(builder);
    amp.channel.freezeTime();
    return amp;
  }

  private static AmpBox answer(String tag) {
    return new AmpBox().putString("_answer", tag).putString("total", "3");
  }

  @Test
  void callTimesOutAndItsLateAnswerIsDropped() {
    try (EmbeddedAmp amp = client(AmpClient.builder())) {
      CompletableFuture<Sum.Result> call =
          amp.connection.withTimeout(Duration.ofSeconds(2)).callRemote(GoldenCommands.SUM, new Sum(1, 2));
      assertEquals("1", amp.onlyWrittenBox().getString("_ask"));
      amp.channel.advanceTimeBy(1_900, TimeUnit.MILLISECONDS);
      amp.channel.runScheduledPendingTasks();
      assertFalse(call.isDone());
      amp.channel.advanceTimeBy(200, TimeUnit.MILLISECONDS);
      amp.channel.runScheduledPendingTasks();
      AmpTimeoutException e = assertInstanceOf(AmpTimeoutException.class, failure(call));
      assertInstanceOf(TimeoutException.class, e.getCause());
      assertEquals(Duration.ofSeconds(2), e.timeout());
      assertTrue(e.getMessage().contains("Sum"), e.getMessage());
      assertEquals(0, amp.connection.pendingCalls());

      amp.feed(answer("1")); // the late answer: dropped, the connection stays open
      assertTrue(amp.channel.isOpen());
      CompletableFuture<Sum.Result> next = amp.connection.callRemote(GoldenCommands.SUM, new Sum(1, 2));
      assertEquals("2", amp.onlyWrittenBox().getString("_ask"));
      amp.feed(answer("2"));
      assertEquals(new Sum.Result(3), next.join());
    }
  }

  @Test
  void lateErrorOfATimedOutCallIsDroppedToo() {
    try (EmbeddedAmp amp = client(AmpClient.builder().callTimeout(Duration.ofMillis(500)))) {
      CompletableFuture<AmpBox> call = amp.connection.callRemoteString("X", new AmpBox());
      amp.written();
      amp.channel.advanceTimeBy(500, TimeUnit.MILLISECONDS);
      amp.channel.runScheduledPendingTasks();
      assertInstanceOf(AmpTimeoutException.class, failure(call));
      amp.feed(new AmpBox().putString("_error", "1").putString("_error_code", "E")
          .putString("_error_description", "late"));
      assertTrue(amp.channel.isOpen());
    }
  }

  @Test
  void answerForATagNeverAbandonedStillClosesTheConnection() {
    try (EmbeddedAmp amp = client(AmpClient.builder().callTimeout(Duration.ofMillis(500)))) {
      CompletableFuture<AmpBox> call = amp.connection.callRemoteString("X", new AmpBox());
      amp.written();
      amp.channel.advanceTimeBy(500, TimeUnit.MILLISECONDS);
      amp.channel.runScheduledPendingTasks();
      assertInstanceOf(AmpTimeoutException.class, failure(call));
      amp.feed(answer("1"));
      assertTrue(amp.channel.isOpen());
      amp.feed(answer("1")); // a second answer to the same tag: nothing is abandoned any more
      assertFalse(amp.channel.isOpen());
    }
  }

  @Test
  void answeredCallCancelsItsTimer() {
    try (EmbeddedAmp amp = client(AmpClient.builder().callTimeout(Duration.ofSeconds(1)))) {
      CompletableFuture<Sum.Result> call = amp.connection.callRemote(GoldenCommands.SUM, new Sum(1, 2));
      amp.written();
      amp.feed(answer("1"));
      assertEquals(new Sum.Result(3), call.join());
      amp.channel.advanceTimeBy(5, TimeUnit.SECONDS);
      amp.channel.runScheduledPendingTasks();
      assertEquals(new Sum.Result(3), call.join());
      assertTrue(amp.channel.isOpen());
    }
  }

  @Test
  void withTimeoutZeroMeansNoDeadline() {
    try (EmbeddedAmp amp = client(AmpClient.builder().callTimeout(Duration.ofMillis(100)))) {
      CompletableFuture<AmpBox> call = amp.connection.withTimeout(Duration.ZERO).callRemoteString("X", new AmpBox());
      amp.written();
      amp.channel.advanceTimeBy(1, TimeUnit.HOURS);
      amp.channel.runScheduledPendingTasks();
      assertFalse(call.isDone());
      assertEquals(Duration.ofMillis(100), amp.connection.timeout());
      assertThrows(IllegalArgumentException.class, () -> amp.connection.withTimeout(Duration.ofMillis(-1)));
    }
  }

  @Test
  void cancelForgetsThePendingCallAndDropsItsAnswer() {
    try (EmbeddedAmp amp = client(AmpClient.builder())) {
      CompletableFuture<AmpBox> call = amp.connection.callRemoteString("X", new AmpBox());
      amp.written();
      assertEquals(1, amp.connection.pendingCalls());
      assertTrue(call.cancel(true));
      amp.runPendingTasks();
      assertEquals(0, amp.connection.pendingCalls());
      assertThrows(CancellationException.class, call::join);
      amp.feed(answer("1"));
      assertTrue(amp.channel.isOpen());
    }
  }

  @Test
  void outstandingCallsAtTheLimitAndOneMore() {
    try (EmbeddedAmp amp = client(AmpClient.builder().maxOutstandingCalls(3))) {
      List<CompletableFuture<AmpBox>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(amp.connection.callRemoteString("X", new AmpBox()));
      }
      assertEquals(3, amp.writtenBoxes().size());
      CompletableFuture<AmpBox> fourth = amp.connection.callRemoteString("X", new AmpBox());
      TooManyCallsException e = assertInstanceOf(TooManyCallsException.class, failure(fourth));
      assertEquals(3, e.limit());
      assertEquals(List.of(), amp.written()); // nothing sent
      // A command that wants no answer is not counted.
      assertTrue(amp.connection.callRemoteString("N", new AmpBox(), false).isDone());
      assertEquals(1, amp.writtenBoxes().size());
      amp.feed(answer("2"));
      CompletableFuture<AmpBox> again = amp.connection.callRemoteString("X", new AmpBox());
      assertFalse(again.isDone());
      assertEquals("5", amp.onlyWrittenBox().getString("_ask"));
      assertTrue(amp.channel.isOpen());
    }
  }

  @Test
  void peerOutstandingCallsAtTheLimitAndOneMore() {
    List<CompletableFuture<AmpBox>> held = new ArrayList<>();
    AmpServer.Builder server = AmpServer.builder()
        .maxPeerOutstandingCalls(2)
        .locator(name -> name.equals("Hold")
            ? box -> {
                CompletableFuture<AmpBox> f = new CompletableFuture<>();
                held.add(f);
                return f;
              }
            : name.equals("Now") ? box -> CompletableFuture.completedFuture(new AmpBox()) : null);
    try (EmbeddedAmp amp = EmbeddedAmp.of(server)) {
      amp.feed(new AmpBox().putString("_command", "Hold").putString("_ask", "1"));
      amp.feed(new AmpBox().putString("_command", "Now").putString("_ask", "2"));
      amp.feed(new AmpBox().putString("_command", "Hold").putString("_ask", "3"));
      assertEquals(2, held.size());
      assertEquals("2", amp.onlyWrittenBox().getString("_answer"));
      amp.feed(new AmpBox().putString("_command", "Hold").putString("_ask", "4"));
      assertEquals(2, held.size()); // not run
      AmpBox refused = amp.onlyWrittenBox();
      assertEquals("4", refused.getString("_error"));
      assertEquals(TooManyCallsException.ERROR_CODE, refused.getString("_error_code"));
      assertTrue(amp.channel.isOpen());
      held.get(0).complete(new AmpBox());
      assertEquals("1", amp.onlyWrittenBox().getString("_answer"));
      amp.feed(new AmpBox().putString("_command", "Hold").putString("_ask", "5"));
      assertEquals(3, held.size());
      // Over the limit without _ask: closed, as Twisted closes on a failed answerless command.
      amp.feed(new AmpBox().putString("_command", "Hold"));
      amp.runPendingTasks();
      assertFalse(amp.channel.isOpen());
    }
  }
}
