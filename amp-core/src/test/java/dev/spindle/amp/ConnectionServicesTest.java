package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.testing.GoldenServer;
import dev.spindle.testing.LeakChecked;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a connection offers its responders besides calls: the locator built for it, its event loop
 * as an executor, and a timer on that loop.
 */
@LeakChecked
class ConnectionServicesTest {
  private static final long WAIT = 15;

  /** A per-connection locator that remembers its connection, as a generated one would. */
  static final class Session implements CommandLocator {
    final AmpConnection connection;

    Session(AmpConnection connection) {
      this.connection = connection;
    }

    @Override
    public BoxResponder locateResponder(String commandName) {
      return null;
    }
  }

  @Test
  void theFactorysConnectionIsTheOneConnectReturnsAndItsLocatorIsReachable() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      Map<AmpConnection, Session> built = new ConcurrentHashMap<>();
      try (AmpServer server = AmpServer.builder().locator(new GoldenServer()).start();
          AmpClient client = AmpClient.builder()
              .locatorFactory(c -> {
                Session s = new Session(c);
                built.put(c, s);
                return s;
              })
              .build()) {
        AmpConnection c = client.connect("127.0.0.1", server.port()).get(WAIT, TimeUnit.SECONDS);
        Session session = c.locator(Session.class);
        assertSame(c, session.connection, "the factory saw the connection connect() returns");
        assertSame(session, built.get(c));
        assertSame(session, c.locator());
        assertSame(session, c.withTimeout(Duration.ofSeconds(1)).locator(), "views share it");
        IllegalStateException wrong =
            assertThrows(IllegalStateException.class, () -> c.locator(GoldenServer.class));
        assertTrue(wrong.getMessage().contains("not a " + GoldenServer.class.getName()),
            wrong.getMessage());
      }
    });
  }

  @Test
  void aConnectionWithoutLocatorHasNoneAndABoxReceiverConnectionNull() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      try (AmpServer server = AmpServer.builder().locator(new GoldenServer()).start();
          AmpClient plain = AmpClient.builder().build();
          AmpClient boxes = AmpClient.builder().boxReceiverFactory(c -> new NoBoxes()).build()) {
        AmpConnection c = plain.connect("127.0.0.1", server.port()).get(WAIT, TimeUnit.SECONDS);
        assertSame(CommandLocator.NONE, c.locator());
        AmpConnection b = boxes.connect("127.0.0.1", server.port()).get(WAIT, TimeUnit.SECONDS);
        assertNull(b.locator());
      }
    });
  }

  @Test
  void scheduledTasksRunOnTheConnectionsLoopAfterTheirDelay() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      AtomicReference<AmpConnection> serverSide = new AtomicReference<>();
      try (AmpServer server = AmpServer.builder()
              .locatorFactory(c -> {
                serverSide.set(c);
                // A responder answering later, on its own loop: Twisted's deferLater.
                return name -> name.equals("Later")
                    ? box -> c.schedule(50, TimeUnit.MILLISECONDS, () -> {
                        AmpBox answer = new AmpBox();
                        answer.putString("thread", Thread.currentThread().getName());
                        return answer;
                      })
                    : null;
              })
              .start();
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = client.connect("127.0.0.1", server.port()).get(WAIT, TimeUnit.SECONDS);
        long start = System.nanoTime();
        AmpBox answer = c.callRemoteString("Later", new AmpBox()).get(WAIT, TimeUnit.SECONDS);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50),
            "answered after the delay");
        String loopThread = CompletableFuture.supplyAsync(
                () -> Thread.currentThread().getName(), serverSide.get().executor())
            .get(WAIT, TimeUnit.SECONDS);
        assertEquals(loopThread, answer.getString("thread"), "ran on the connection's loop");

        CompletableFuture<Object> failing = c.schedule(0, TimeUnit.MILLISECONDS, () -> {
          throw new IllegalStateException("boom");
        });
        ExecutionException e = assertThrows(ExecutionException.class,
            () -> failing.get(WAIT, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());

        AtomicReference<String> ran = new AtomicReference<>();
        CompletableFuture<String> cancelled =
            c.schedule(200, TimeUnit.MILLISECONDS, () -> { ran.set("ran"); return "x"; });
        assertTrue(cancelled.cancel(false));
        // A later task on the same loop runs after the cancelled one's time: it must not have run.
        c.schedule(400, TimeUnit.MILLISECONDS, () -> "after").get(WAIT, TimeUnit.SECONDS);
        assertNull(ran.get(), "a cancelled task does not run");
        assertFalse(cancelled.isCompletedExceptionally() && !cancelled.isCancelled());
      }
    });
  }

  private static final class NoBoxes implements dev.spindle.amp.box.BoxReceiver {
    @Override
    public void startReceivingBoxes(dev.spindle.amp.box.BoxSender sender) {}

    @Override
    public void ampBoxReceived(AmpBox box) {}

    @Override
    public void stopReceivingBoxes(Throwable reason) {}
  }
}
