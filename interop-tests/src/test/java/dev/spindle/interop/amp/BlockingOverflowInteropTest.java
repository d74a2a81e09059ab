package dev.spindle.interop.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.BlockingResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.testing.LeakChecked;
import dev.spindle.transport.Blocking;
import dev.spindle.transport.BlockingExecutor;
import dev.spindle.transport.CallRejectedException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A full blocking executor seen from real Twisted 22.4 callers ({@code faults_peer.py client amp}
 * and {@code client pb}, the same scripts as the outstanding-call limit): with two blocking calls
 * running on a two-call executor, the third is refused with a proper error (AMP: an error box,
 * which Twisted raises as {@code UnknownRemoteError}; PB: a {@code pb.Error} failure), the
 * connection stays open, the two held calls are answered, and the next call works.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class BlockingOverflowInteropTest {

  @Test
  void twistedAmpCallerPastTheBlockingBoundGetsAnErrorAndKeepsItsConnection() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger count = new AtomicInteger();
    BlockingResponder hold = BlockingResponder.of(box -> {
      String id = box.getString("id");
      try {
        assertTrue(release.await(60, TimeUnit.SECONDS));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return CompletableFuture.completedFuture(new AmpBox().putString("id", id));
    });
    CommandLocator locator = name -> switch (name) {
      case "Hold" -> hold;
      case "Count" -> box -> CompletableFuture.completedFuture(
          new AmpBox().putString("n", Integer.toString(count.incrementAndGet())));
      default -> null;
    };
    try (AmpServer server = AmpServer.builder().locator(locator)
        .blockingExecutor(BlockingExecutor.create(pool, 2))
        // Once the third Hold is refused, the held two may finish.
        .intercept((call, next) -> next.proceed().whenComplete((v, e) -> {
          if (e instanceof CallRejectedException) {
            release.countDown();
          }
        }))
        .start()) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("faults_peer.py", 60, "amp", Integer.toString(server.port()));
      List<String> lines = run.lines();
      assertEquals(0, run.exitCode(), lines.toString());
      assertEquals(4, lines.size(), lines.toString());
      // The held two are released as the third is refused: their answers and the error race.
      List<String> refused = lines.subList(0, 3).stream().filter(l -> l.startsWith("refused ")).toList();
      assertEquals(1, refused.size(), lines.toString());
      // Twisted prints any undeclared code as Code<UNKNOWN>; the description is ours.
      assertTrue(refused.get(0).startsWith("refused UnknownRemoteError "), lines.toString());
      assertTrue(refused.get(0).contains("server overloaded: 2 blocking calls are waiting or running; Hold not run"),
          lines.toString());
      assertTrue(lines.subList(0, 3).containsAll(List.of("answered 1", "answered 2")), lines.toString());
      assertEquals("count 1", lines.get(3));
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@code hold} blocks (on the executor) until {@code release} is called on any connection. */
  public static final class BlockingHoldingRoot implements Referenceable {
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger holding = new AtomicInteger();
    private final AtomicInteger counted = new AtomicInteger();

    @Blocking
    public long remote_hold(long id) throws InterruptedException {
      holding.incrementAndGet();
      assertTrue(release.await(60, TimeUnit.SECONDS));
      return id;
    }

    public long remote_release() {
      release.countDown();
      return holding.get();
    }

    public long remote_count() {
      return counted.incrementAndGet();
    }
  }

  @Test
  void twistedPbCallerPastTheBlockingBoundGetsAPbErrorAndKeepsItsConnection() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (PbServer server = PbServer.builder().root(new BlockingHoldingRoot())
        .blockingExecutor(BlockingExecutor.create(pool, 2)).start()) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("faults_peer.py", 60, "pb", Integer.toString(server.port()));
      List<String> lines = run.lines();
      assertEquals(0, run.exitCode(), lines.toString());
      assertEquals(5, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("refused RemoteError twisted.spread.pb.Error "), lines.toString());
      assertTrue(lines.get(0).contains("server overloaded: 2 blocking calls are waiting or running; hold not run"),
          lines.toString());
      assertEquals(List.of("released 2", "answered 1", "answered 2", "count 1"), lines.subList(1, 5));
    } finally {
      pool.shutdownNow();
    }
  }
}
