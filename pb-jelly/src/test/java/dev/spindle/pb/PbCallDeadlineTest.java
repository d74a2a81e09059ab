package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.exceptions.PbTimeoutException;
import dev.spindle.pb.exceptions.PbTooManyCallsException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Root;
import dev.spindle.testing.LeakChecked;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deadlines, cancellation and the outstanding-call limits of PB calls, on a pair of
 * EmbeddedChannels whose clock the test moves: nothing here waits for real time.
 */
@LeakChecked
@Timeout(60)
class PbCallDeadlineTest {
  /** Answers held calls only when told to, with a fresh Referenceable each. */
  public static final class Held implements Root {
    final List<CompletableFuture<Object>> waiting = new ArrayList<>();
    int counted;

    public CompletableFuture<Object> remote_hold() {
      CompletableFuture<Object> f = new CompletableFuture<>();
      waiting.add(f);
      return f;
    }

    public long remote_count() {
      return ++counted;
    }
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertTrue(f.isDone(), "not completed");
    return assertThrows(CompletionException.class, f::join).getCause();
  }

  private static void advance(EmbeddedPb side, long millis) {
    side.channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    side.channel.runScheduledPendingTasks();
  }

  @Test
  void timedOutCallFailsAndItsLateAnswerIsDroppedAndItsReferencesReleased() {
    Held root = new Held();
    try (EmbeddedPair pair = new EmbeddedPair(root)) {
      pair.client.channel.freezeTime();
      RemoteReference ref = pair.root();
      int exported = pair.server.connection.exportedObjectCount();
      CompletableFuture<Object> call = ref.withTimeout(Duration.ofSeconds(2)).callRemote("hold");
      pair.pump();
      advance(pair.client, 1_900);
      assertFalse(call.isDone());
      advance(pair.client, 200);
      PbTimeoutException e = assertInstanceOf(PbTimeoutException.class, failure(call));
      assertInstanceOf(TimeoutException.class, e.getCause());
      assertEquals(Duration.ofSeconds(2), e.timeout());
      assertEquals(0, pair.client.connection.pendingCallCount());

      root.waiting.get(0).complete(List.of(new Goldens.Child(), new Goldens.Child()));
      pair.pump();
      assertEquals(exported, pair.server.connection.exportedObjectCount(),
          "the client gave back the references of the late answer");
      assertTrue(pair.client.connection.isOpen());
      CompletableFuture<Object> count = ref.callRemote("count");
      pair.pump();
      assertEquals(1L, count.join());
    }
  }

  @Test
  void defaultTimeoutComesFromTheBuilderAndALateErrorIsDropped() {
    Held root = new Held();
    try (EmbeddedPair pair = new EmbeddedPair(root, PbServer.builder(),
        PbClient.builder().callTimeout(Duration.ofMillis(500)))) {
      pair.client.channel.freezeTime();
      CompletableFuture<Object> call = pair.root().callRemote("hold");
      pair.pump();
      advance(pair.client, 500);
      assertInstanceOf(PbTimeoutException.class, failure(call));
      root.waiting.get(0).completeExceptionally(new IllegalStateException("late"));
      pair.pump();
      assertTrue(pair.client.connection.isOpen());
      CompletableFuture<Object> count = pair.root().callRemote("count");
      pair.pump();
      assertEquals(1L, count.join());
    }
  }

  @Test
  void typedCallTimesOutAndZeroMeansNoDeadline() {
    Held root = new Held();
    try (EmbeddedPair pair = new EmbeddedPair(root, PbServer.builder(),
        PbClient.builder().callTimeout(Duration.ofMillis(100)))) {
      pair.client.channel.freezeTime();
      CompletableFuture<Long> typed = pair.root().callRemote(Long.class, "hold");
      CompletableFuture<Object> unlimited = pair.root().withTimeout(Duration.ZERO).callRemote("hold");
      pair.pump();
      advance(pair.client, 60_000);
      assertInstanceOf(PbTimeoutException.class, failure(typed));
      assertFalse(unlimited.isDone());
      root.waiting.get(1).complete(7L);
      pair.pump();
      assertEquals(7L, unlimited.join());
      assertThrows(IllegalArgumentException.class, () -> pair.root().withTimeout(Duration.ofSeconds(-1)));
    }
  }

  @Test
  void cancelForgetsTheCallAndItsLateAnswerIsDropped() {
    Held root = new Held();
    try (EmbeddedPair pair = new EmbeddedPair(root)) {
      RemoteReference ref = pair.root();
      int exported = pair.server.connection.exportedObjectCount();
      CompletableFuture<Long> call = ref.callRemote(Long.class, "hold");
      pair.pump();
      assertEquals(1, pair.client.connection.pendingCallCount());
      assertTrue(call.cancel(true));
      pair.pump();
      assertThrows(CancellationException.class, call::join);
      assertEquals(0, pair.client.connection.pendingCallCount());
      root.waiting.get(0).complete(new Goldens.Child());
      pair.pump();
      assertEquals(exported, pair.server.connection.exportedObjectCount());
      assertTrue(pair.client.connection.isOpen());
    }
  }

  @Test
  void aSecondAnswerToTheSameIdStillClosesTheConnection() {
    Held root = new Held();
    try (EmbeddedPair pair = new EmbeddedPair(root)) {
      pair.client.channel.freezeTime();
      CompletableFuture<Object> call = pair.root().withTimeout(Duration.ofMillis(10)).callRemote("hold");
      pair.pump();
      advance(pair.client, 10);
      assertInstanceOf(PbTimeoutException.class, failure(call));
      root.waiting.get(0).complete(1L);
      pair.pump();
      assertTrue(pair.client.connection.isOpen());
      pair.client.feed(dev.spindle.pb.banana.Sexp.list(dev.spindle.pb.banana.Sexp.ascii("answer"),
          dev.spindle.pb.banana.Sexp.integer(1), dev.spindle.pb.banana.Sexp.integer(1)));
      pair.client.channel.runPendingTasks();
      assertFalse(pair.client.connection.isOpen());
    }
  }

  @Test
  void outstandingCallsAtTheLimitAndOneMore() {
    Held root = new Held();
    try (EmbeddedPair pair = new EmbeddedPair(root, PbServer.builder(),
        PbClient.builder().maxOutstandingCalls(3))) {
      RemoteReference ref = pair.root();
      List<CompletableFuture<Object>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(ref.callRemote("hold"));
      }
      CompletableFuture<Object> fourth = ref.callRemote("hold");
      PbTooManyCallsException e = assertInstanceOf(PbTooManyCallsException.class, failure(fourth));
      assertEquals(3, e.limit());
      pair.pump();
      assertEquals(3, root.waiting.size(), "the fourth was not sent");
      assertTrue(ref.callRemoteNoAnswer("count").isDone(), "calls wanting no answer are not counted");
      root.waiting.get(0).complete(0L);
      pair.pump();
      CompletableFuture<Object> again = ref.callRemote("count");
      pair.pump();
      assertEquals(2L, again.join());
    }
  }

  @Test
  void peerOutstandingCallsAtTheLimitAndOneMore() {
    Held root = new Held();
    try (EmbeddedPair pair = new EmbeddedPair(root, PbServer.builder().maxPeerOutstandingCalls(2),
        PbClient.builder())) {
      RemoteReference ref = pair.root();
      CompletableFuture<Object> one = ref.callRemote("hold");
      CompletableFuture<Object> two = ref.callRemote("hold");
      CompletableFuture<Object> three = ref.callRemote("hold");
      pair.pump();
      assertEquals(2, root.waiting.size(), "the third was not run");
      RemotePbException refused = assertInstanceOf(RemotePbException.class, failure(three));
      assertTrue(refused.getMessage().contains("Too many outstanding calls"), refused.getMessage());
      assertTrue(pair.server.connection.isOpen());
      root.waiting.get(0).complete(1L);
      pair.pump();
      assertEquals(1L, one.join());
      CompletableFuture<Object> four = ref.callRemote("hold");
      pair.pump();
      assertEquals(3, root.waiting.size());
      assertFalse(two.isDone());
      assertFalse(four.isDone());
    }
  }
}
