package dev.spindle.interop.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.exceptions.AmpTimeoutException;
import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.transport.ReconnectPolicy;
import dev.spindle.amp.ReconnectingAmpClient;
import dev.spindle.amp.exceptions.TooManyCallsException;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.box.BoxSender;
import dev.spindle.amp.dispatch.BoxDispatcher;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.cred.testing.ManualScheduler;
import dev.spindle.interop.amp.PeerCommands.Sum;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.testing.LeakChecked;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Faults against a real Twisted 22.4 AMP server ({@code faults_peer.py server amp}): a call the
 * peer does not answer in time, its late answer, a peer killed mid-call, keepalive pings answered
 * by Twisted's own dispatcher, and a peer that stops reading.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class AmpFaultsInteropTest {
  private static final long WAIT = 20;

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    return assertThrows(ExecutionException.class, () -> get(f)).getCause();
  }

  private static AmpBox hold(int id) {
    return new AmpBox().putString("id", Integer.toString(id));
  }

  private static void assertNoTwistedErrors(TwistedPeer twisted) {
    List<String> errors = twisted.lines().stream().filter(l -> l.startsWith("ERROR")).toList();
    assertEquals(List.of(), errors, "Twisted logged errors");
  }

  @Test
  void callTheTwistedPeerDoesNotAnswerTimesOutAndItsLateAnswerIsDropped() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("faults_peer.py", "amp");
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = get(client.connect("127.0.0.1", twisted.port()));
      CompletableFuture<AmpBox> call = c.withTimeout(Duration.ofMillis(200)).callRemoteString("Hold", hold(7));
      AmpTimeoutException e = assertInstanceOf(AmpTimeoutException.class, failure(call));
      assertEquals(Duration.ofMillis(200), e.timeout());
      // Twisted answers the held Hold (late), then ReleaseAll: the late answer is read and dropped.
      assertEquals("1", get(c.callRemoteString("ReleaseAll", new AmpBox())).getString("released"));
      assertEquals("1", get(c.callRemoteString("Count", new AmpBox())).getString("n"));
      assertTrue(c.isOpen());
      c.close().toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
      twisted.close();
      assertNoTwistedErrors(twisted);
    }
  }

  @Test
  void twistedPeerKilledMidCallFailsEveryPendingCall() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("faults_peer.py", "amp");
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = get(client.connect("127.0.0.1", twisted.port()));
      List<CompletableFuture<AmpBox>> calls = new ArrayList<>();
      for (int i = 1; i <= 3; i++) {
        calls.add(c.callRemoteString("Hold", hold(i)));
      }
      twisted.awaitLines(4, WAIT); // connected, held 1..3
      twisted.kill();
      long killed = System.nanoTime();
      for (CompletableFuture<AmpBox> call : calls) {
        assertInstanceOf(ConnectionLostException.class, failure(call));
      }
      System.out.printf("AMP: pending calls failed %d ms after the Twisted peer was killed%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
      get(c.closeFuture().toCompletableFuture().exceptionally(t -> null));
    }
  }

  @Test
  void keepalivePingsAreAnsweredByTwistedWithoutDisturbingIt() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("faults_peer.py", "amp");
        AmpClient client =
            AmpClient.builder().keepalive(Duration.ofMillis(50), Duration.ofSeconds(20)).build()) {
      AmpConnection c = get(client.connect("127.0.0.1", twisted.port()));
      List<String> lines = twisted.awaitLines(4, WAIT); // connected, then three pings
      assertEquals(List.of("connected", "ping", "ping", "ping"), lines.subList(0, 4));
      assertTrue(c.isOpen());
      assertEquals("1", get(c.callRemoteString("Count", new AmpBox())).getString("n"));
      c.close().toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
      twisted.close();
      assertNoTwistedErrors(twisted);
    }
  }

  @Test
  void keepaliveClosesTheConnectionWhenTheTwistedPeerStopsReading() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("faults_peer.py", "amp");
        AmpClient client =
            AmpClient.builder().keepalive(Duration.ofMillis(100), Duration.ofMillis(500)).build()) {
      AmpConnection c = get(client.connect("127.0.0.1", twisted.port()));
      get(c.callRemoteString("Freeze", new AmpBox()));
      CompletableFuture<AmpBox> unanswered = c.callRemoteString("Hold", hold(1));
      ConnectionLostException lost = assertInstanceOf(ConnectionLostException.class, failure(unanswered));
      assertTrue(lost.getMessage().contains("keepalive"), lost.getMessage());
    }
  }

  @Test
  void reconnectingClientConnectsToTheTwistedServerAgainAfterALoss() throws Exception {
    ManualScheduler clock = new ManualScheduler();
    BlockingQueue<AmpConnection> connected = new LinkedBlockingQueue<>();
    try (TwistedPeer twisted = TwistedPeer.startServer("amp_peer.py");
        AmpClient client = AmpClient.builder().build();
        ReconnectingAmpClient r = ReconnectingAmpClient.builder(client, "127.0.0.1", twisted.port())
            .policy(ReconnectPolicy.builder().jitter(0).build())
            .scheduler(clock)
            .onConnection(connected::add)
            .start()) {
      AmpConnection first = connected.poll(WAIT, TimeUnit.SECONDS);
      assertEquals(new Sum.Result(3), get(first.callRemote(new Sum(1, 2))));
      first.close().toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
      assertTrue(clock.awaitScheduled(1, Duration.ofSeconds(WAIT)));
      assertEquals(List.of(Duration.ofNanos((long) (Math.E * 1e9))), clock.delays(), "Twisted's first retry");
      clock.advance(Duration.ofSeconds(3));
      AmpConnection second = connected.poll(WAIT, TimeUnit.SECONDS);
      assertEquals(new Sum.Result(7), get(second.callRemote(new Sum(3, 4))));
      assertTrue(second == r.connection());
    }
  }

  /**
   * The dispatcher of a server that lets a peer have 2 calls outstanding: Hold is held, Count
   * counts. Once it has sent a refusal, it answers the held calls (so the caller can show that the
   * connection still works). Event-loop confined.
   */
  private static final class LimitedServer implements BoxReceiver {
    private final List<Runnable> held = new ArrayList<>();
    private int counted;
    private final BoxDispatcher dispatcher = new BoxDispatcher(this::responder, 100, 2);

    private BoxResponder responder(String name) {
      switch (name) {
        case "Hold":
          return box -> {
            CompletableFuture<AmpBox> f = new CompletableFuture<>();
            String id = box.getString("id");
            held.add(() -> f.complete(new AmpBox().putString("id", id)));
            return f;
          };
        case "Count":
          return box -> CompletableFuture.completedFuture(
              new AmpBox().putString("n", Integer.toString(++counted)));
        default:
          return null;
      }
    }

    @Override
    public void startReceivingBoxes(BoxSender sender) {
      dispatcher.startReceivingBoxes(new BoxSender() {
        @Override
        public void sendBox(AmpBox box) {
          sender.sendBox(box);
          if (TooManyCallsException.ERROR_CODE.equals(box.getString("_error_code"))) {
            List<Runnable> release = new ArrayList<>(held);
            held.clear();
            release.forEach(Runnable::run);
          }
        }

        @Override
        public void unhandledError(Throwable failure) {
          sender.unhandledError(failure);
        }
      });
    }

    @Override
    public void ampBoxReceived(AmpBox box) {
      dispatcher.ampBoxReceived(box);
    }

    @Override
    public void stopReceivingBoxes(Throwable reason) {
      dispatcher.stopReceivingBoxes(reason);
    }
  }

  @Test
  void twistedCallerOverThePeerLimitGetsAnErrorAndKeepsItsConnection() throws Exception {
    try (AmpServer server = AmpServer.builder().boxReceiverFactory(c -> new LimitedServer()).start()) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("faults_peer.py", 60, "amp", Integer.toString(server.port()));
      List<String> lines = run.lines();
      assertEquals(0, run.exitCode(), lines.toString());
      assertEquals(4, lines.size(), lines.toString());
      // Twisted's UnknownRemoteError prints as "Code<UNKNOWN>: <our description>".
      assertTrue(lines.get(0).startsWith("refused UnknownRemoteError "), lines.toString());
      assertTrue(lines.get(0).contains("outstanding calls: 2 (expected: fewer than 2); b'Hold' not run"),
          lines.toString());
      assertEquals(List.of("answered 1", "answered 2", "count 1"), lines.subList(1, 4));
    }
  }
}
