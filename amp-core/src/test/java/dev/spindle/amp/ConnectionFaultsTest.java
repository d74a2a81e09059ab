package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.box.BoxSender;
import dev.spindle.amp.exceptions.AmpTimeoutException;
import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.testing.LeakChecked;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Faults between two real endpoints on Netty's local transport (two event loops): a peer that
 * goes away mid-call, cancelling before a call is sent, and keepalive against a live and a
 * silent peer. Every wait is bounded; no test depends on how fast the machine is.
 */
@LeakChecked
class ConnectionFaultsTest {
  private static final long WAIT = 20;

  private static void bounded(Executable test) {
    assertTimeoutPreemptively(Duration.ofSeconds(60), test);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    return assertThrows(ExecutionException.class, () -> f.get(WAIT, TimeUnit.SECONDS)).getCause();
  }

  /** Hold: held until the test completes it; Count: counts; anything else, including pings, unhandled. */
  private static final class Peer implements CommandLocator {
    final BlockingQueue<CompletableFuture<AmpBox>> held = new LinkedBlockingQueue<>();
    final AtomicInteger counted = new AtomicInteger();
    final BlockingQueue<String> pings = new LinkedBlockingQueue<>();

    @Override
    public dev.spindle.amp.locator.BoxResponder locateResponder(String name) {
      switch (name) {
        case "Hold":
          return box -> {
            CompletableFuture<AmpBox> f = new CompletableFuture<>();
            held.add(f);
            return f;
          };
        case "Count":
          return box -> CompletableFuture.completedFuture(
              new AmpBox().putString("n", Integer.toString(counted.incrementAndGet())));
        default:
          if (name.equals(Keepalive.PING_COMMAND)) {
            pings.add(name);
          }
          return null;
      }
    }

    CompletableFuture<AmpBox> awaitHeld() throws InterruptedException {
      CompletableFuture<AmpBox> f = held.poll(WAIT, TimeUnit.SECONDS);
      assertNotNull(f, "the peer received the call");
      return f;
    }
  }

  @Test
  void peerClosingMidCallFailsEveryPendingCall() {
    bounded(() -> {
      Peer peer = new Peer();
      try (LocalAmp amp = LocalAmp.connect(AmpServer.builder().locator(peer), AmpClient.builder())) {
        List<CompletableFuture<AmpBox>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          calls.add(amp.client.callRemoteString("Hold", new AmpBox()));
        }
        for (int i = 0; i < 3; i++) {
          peer.awaitHeld();
        }
        amp.server.close();
        for (CompletableFuture<AmpBox> call : calls) {
          assertInstanceOf(ConnectionLostException.class, failure(call));
        }
        assertEquals(0, amp.client.pendingCalls());
      }
    });
  }

  @Test
  void cancelledBeforeItIsSentTheCallIsNeverSent() {
    bounded(() -> {
      Peer peer = new Peer();
      try (LocalAmp amp = LocalAmp.connect(AmpServer.builder().locator(peer), AmpClient.builder())) {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        amp.clientChannel.eventLoop().execute(() -> {
          blocked.countDown();
          try {
            release.await(WAIT, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        assertTrue(blocked.await(WAIT, TimeUnit.SECONDS));
        CompletableFuture<AmpBox> cancelled = amp.client.callRemoteString("Count", new AmpBox());
        assertTrue(cancelled.cancel(true));
        release.countDown();
        AmpBox next = amp.client.callRemoteString("Count", new AmpBox()).get(WAIT, TimeUnit.SECONDS);
        assertEquals("1", next.getString("n")); // the cancelled call never reached the peer
        assertEquals(0, amp.client.pendingCalls());
      }
    });
  }

  @Test
  void timedOutCallsAnswerArrivesLateAndIsDropped() {
    bounded(() -> {
      Peer peer = new Peer();
      try (LocalAmp amp = LocalAmp.connect(AmpServer.builder().locator(peer), AmpClient.builder())) {
        CompletableFuture<AmpBox> call =
            amp.client.withTimeout(Duration.ofMillis(50)).callRemoteString("Hold", new AmpBox());
        CompletableFuture<AmpBox> held = peer.awaitHeld();
        assertInstanceOf(AmpTimeoutException.class, failure(call));
        held.complete(new AmpBox().putString("late", "yes"));
        // Answers come in order: once Count is answered, the late answer was read (and dropped).
        assertEquals("1", amp.client.callRemoteString("Count", new AmpBox())
            .get(WAIT, TimeUnit.SECONDS).getString("n"));
        assertTrue(amp.client.isOpen());
        assertEquals(0, amp.client.pendingCalls());
      }
    });
  }

  @Test
  void keepalivePingsAreAnsweredAndTheConnectionStays() {
    bounded(() -> {
      Peer peer = new Peer();
      try (LocalAmp amp = LocalAmp.connect(
          AmpServer.builder().locator(peer),
          AmpClient.builder().keepalive(Duration.ofMillis(20), Duration.ofSeconds(30)))) {
        for (int i = 0; i < 3; i++) {
          assertNotNull(peer.pings.poll(WAIT, TimeUnit.SECONDS), "ping " + i);
        }
        assertTrue(amp.client.isOpen());
        assertTrue(amp.server.isOpen());
        assertEquals("1", amp.client.callRemoteString("Count", new AmpBox())
            .get(WAIT, TimeUnit.SECONDS).getString("n"));
      }
    });
  }

  @Test
  void keepaliveClosesAConnectionWhosePeerIsSilent() {
    bounded(() -> {
      // The peer reads boxes and never answers anything: a half-open connection, as seen from here.
      BoxReceiver blackHole = new BoxReceiver() {
        @Override
        public void startReceivingBoxes(BoxSender sender) {}

        @Override
        public void ampBoxReceived(AmpBox box) {}

        @Override
        public void stopReceivingBoxes(Throwable reason) {}
      };
      try (LocalAmp amp = LocalAmp.connect(
          AmpServer.builder().boxReceiverFactory(c -> blackHole),
          AmpClient.builder().keepalive(Duration.ofMillis(50), Duration.ofMillis(200)))) {
        CompletableFuture<AmpBox> pending = amp.client.callRemoteString("Hold", new AmpBox());
        ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, failure(pending));
        assertTrue(lost.getMessage().contains("keepalive"), lost.getMessage());
        Throwable closed = failure(amp.client.closeFuture().toCompletableFuture());
        assertInstanceOf(ConnectionLostException.class, closed);
      }
    });
  }
}
