package dev.spindle.interop.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.testing.ManualScheduler;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.PbTimeoutException;
import dev.spindle.transport.ReconnectPolicy;
import dev.spindle.pb.ReconnectingPbClient;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.RemoteReference;
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
 * Faults against a real Twisted 22.4 PB server ({@code faults_peer.py server pb}): a call the peer
 * does not answer in time, whose late answer carries references that must be given back; a peer
 * killed mid-call; keepalive pings answered by Twisted's broker; a peer that stops reading.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class PbFaultsInteropTest {
  private static final long WAIT = 20;

  private static <T> T get(CompletableFuture<T> f) throws Exception {
    return f.get(WAIT, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    return assertThrows(ExecutionException.class, () -> get(f)).getCause();
  }

  private static void assertNoTwistedErrors(TwistedPeer twisted) {
    List<String> errors = twisted.lines().stream().filter(l -> l.startsWith("ERROR")).toList();
    assertEquals(List.of(), errors, "Twisted logged errors");
  }

  @Test
  void timedOutCallsLateAnswerIsDroppedAndItsReferencesAreDecrefd() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("faults_peer.py", "pb");
        PbClient client = PbClient.builder().build()) {
      RemoteReference root = get(client.getRootObject("127.0.0.1", twisted.port()));
      long exported = get(root.callRemote(Long.class, "exported"));
      CompletableFuture<Object> call = root.withTimeout(Duration.ofMillis(200)).callRemote("hold");
      assertInstanceOf(PbTimeoutException.class, failure(call));
      // Twisted answers the held call with two Referenceables (late), then release itself.
      assertEquals(1L, get(root.callRemote(Long.class, "release")));
      assertEquals(exported, get(root.callRemote(Long.class, "exported")),
          "Twisted's broker no longer exports the late answer's objects");
      assertEquals(1L, get(root.callRemote(Long.class, "count")));
      assertTrue(root.isConnected());
      root.connection().close().toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
      twisted.close();
      assertNoTwistedErrors(twisted);
    }
  }

  @Test
  void twistedPeerKilledMidCallFailsEveryPendingCall() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("faults_peer.py", "pb");
        PbClient client = PbClient.builder().build()) {
      RemoteReference root = get(client.getRootObject("127.0.0.1", twisted.port()));
      List<CompletableFuture<Object>> calls = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        calls.add(root.callRemote("hold"));
      }
      twisted.awaitLines(4, WAIT); // connected, held 1..3
      twisted.kill();
      long killed = System.nanoTime();
      for (CompletableFuture<Object> call : calls) {
        assertInstanceOf(PbConnectionLostException.class, failure(call));
      }
      System.out.printf("PB: pending calls failed %d ms after the Twisted peer was killed%n",
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed));
    }
  }

  @Test
  void keepalivePingsAreAnsweredByTwistedWithoutDisturbingIt() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("faults_peer.py", "pb");
        PbClient client = PbClient.builder().keepalive(Duration.ofMillis(50), Duration.ofSeconds(20)).build()) {
      RemoteReference root = get(client.getRootObject("127.0.0.1", twisted.port()));
      List<String> lines = twisted.awaitLines(4, WAIT); // connected, then three pings
      assertEquals(List.of("connected", "ping", "ping", "ping"), lines.subList(0, 4));
      assertTrue(root.isConnected());
      assertEquals(1L, get(root.callRemote(Long.class, "count")));
      long exported = get(root.callRemote(Long.class, "exported"));
      assertEquals(1L, exported, "only the root: pings made nothing on the Twisted side");
      root.connection().close().toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
      twisted.close();
      assertNoTwistedErrors(twisted);
    }
  }

  @Test
  void keepaliveClosesTheConnectionWhenTheTwistedPeerStopsReading() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer("faults_peer.py", "pb");
        PbClient client = PbClient.builder().keepalive(Duration.ofMillis(100), Duration.ofMillis(500)).build()) {
      RemoteReference root = get(client.getRootObject("127.0.0.1", twisted.port()));
      get(root.callRemote("freeze"));
      CompletableFuture<Object> unanswered = root.callRemote("hold");
      PbConnectionLostException lost = assertInstanceOf(PbConnectionLostException.class, failure(unanswered));
      assertTrue(lost.getMessage().contains("keepalive"), lost.getMessage());
    }
  }

  @Test
  void reconnectingClientLogsInToTheTwistedPortalAgainAfterALoss() throws Exception {
    ManualScheduler clock = new ManualScheduler();
    BlockingQueue<RemoteReference> avatars = new LinkedBlockingQueue<>();
    try (TwistedPeer twisted = TwistedPeer.startServer("pb_login_peer.py");
        PbClient client = PbClient.builder().build();
        ReconnectingPbClient worker = ReconnectingPbClient.builder(client, "127.0.0.1", twisted.port(),
                UsernamePassword.of("alice", "secret"), null)
            .policy(ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(1)).factor(2).jitter(0).build())
            .scheduler(clock)
            .onLogin(avatars::add)
            .start()) {
      RemoteReference first = avatars.poll(WAIT, TimeUnit.SECONDS);
      assertEquals(ByteString.ascii("alice"), get(first.callRemote("whoami")));
      first.connection().close().toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
      assertTrue(clock.awaitScheduled(1, Duration.ofSeconds(WAIT)));
      assertEquals(List.of(Duration.ofSeconds(2)), clock.delays());
      clock.advance(Duration.ofSeconds(2));
      RemoteReference second = avatars.poll(WAIT, TimeUnit.SECONDS);
      assertEquals(ByteString.ascii("alice"), get(second.callRemote("whoami")));
      // Twisted's realm logged the first avatar out when its connection went.
      assertEquals(1L, get(second.callRemote(Long.class, "waitForLogouts", ByteString.ascii("alice"), 1)));
      assertTrue(second == worker.avatar());
    }
  }

  /** A root shared by every connection: hold is held until release is called (on any connection). */
  public static final class HoldingRoot implements Referenceable {
    private final List<Runnable> held = new ArrayList<>();
    private long counted;

    public synchronized CompletableFuture<Object> remote_hold(long id) {
      CompletableFuture<Object> f = new CompletableFuture<>();
      held.add(() -> f.complete(id));
      return f;
    }

    public long remote_release() {
      List<Runnable> release;
      synchronized (this) {
        release = new ArrayList<>(held);
        held.clear();
      }
      release.forEach(Runnable::run);
      return release.size();
    }

    public synchronized long remote_count() {
      return ++counted;
    }
  }

  @Test
  void twistedCallerOverThePeerLimitGetsAnErrorAndKeepsItsConnection() throws Exception {
    try (PbServer server = PbServer.builder().root(new HoldingRoot()).maxPeerOutstandingCalls(2).start()) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("faults_peer.py", 60, "pb", Integer.toString(server.port()));
      List<String> lines = run.lines();
      assertEquals(0, run.exitCode(), lines.toString());
      assertEquals(5, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("refused RemoteError twisted.spread.pb.Error "), lines.toString());
      assertTrue(lines.get(0).contains("Too many outstanding calls: 2 (expected: fewer than 2)"), lines.toString());
      assertEquals(List.of("released 2", "answered 1", "answered 2", "count 1"), lines.subList(1, 5));
    }
  }
}
