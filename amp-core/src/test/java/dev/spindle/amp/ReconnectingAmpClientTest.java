package dev.spindle.amp;

import dev.spindle.transport.ReconnectPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.cred.testing.ManualScheduler;
import dev.spindle.testing.LeakChecked;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * ReconnectingAmpClient against a real server on 127.0.0.1, with retries on a virtual clock: the
 * test decides when each retry runs, so the back-off is checked exactly and nothing sleeps.
 */
@LeakChecked
class ReconnectingAmpClientTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static void bounded(Executable test) {
    assertTimeoutPreemptively(Duration.ofSeconds(60), test);
  }

  private static <T> T poll(BlockingQueue<T> q) throws InterruptedException {
    T t = q.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertNotNull(t, "timed out waiting");
    return t;
  }

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  /** Nothing listens on port 1 of 127.0.0.1 (a privileged port no test binds): refused at once. */
  private static final int REFUSED_PORT = 1;

  @Test
  void reconnectsAfterTheServerDropsTheConnection() {
    bounded(() -> {
      ManualScheduler clock = new ManualScheduler();
      BlockingQueue<AmpConnection> accepted = new LinkedBlockingQueue<>();
      BlockingQueue<AmpConnection> connected = new LinkedBlockingQueue<>();
      ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(s(1)).factor(2).jitter(0).build();
      try (AmpServer server = AmpServer.builder().locator(CommandLocator.NONE).onConnection(accepted::add).start();
          AmpClient client = AmpClient.builder().build();
          ReconnectingAmpClient r = ReconnectingAmpClient.builder(client, "127.0.0.1", server.port())
              .policy(policy).scheduler(clock).onConnection(connected::add).start()) {
        AmpConnection first = poll(connected);
        assertSame(first, r.connection());
        poll(accepted).close(); // the server drops the connection
        assertTrue(clock.awaitScheduled(1, WAIT));
        assertEquals(List.of(s(2)), clock.delays()); // reset on connecting: 1 s * factor
        assertNull(r.connection());
        clock.advance(s(2));
        AmpConnection second = poll(connected);
        assertNotSame(first, second);
        assertSame(second, r.connection());
        poll(accepted).close();
        assertTrue(clock.awaitScheduled(2, WAIT));
        assertEquals(List.of(s(2), s(2)), clock.delays(), "reset again by the second connection");
        r.close();
        assertTrue(r.stopped().toCompletableFuture().isDone());
      }
    });
  }

  @Test
  void failedAttemptsBackOffUpToMaxDelayAndGiveUpAfterMaxRetries() {
    bounded(() -> {
      ManualScheduler clock = new ManualScheduler();
      ReconnectPolicy policy = ReconnectPolicy.builder()
          .initialDelay(s(1)).factor(2).jitter(0).maxDelay(s(5)).maxRetries(3).build();
      try (AmpClient client = AmpClient.builder().build();
          ReconnectingAmpClient r = ReconnectingAmpClient.builder(client, "127.0.0.1", REFUSED_PORT)
              .policy(policy).scheduler(clock).start()) {
        assertTrue(clock.awaitScheduled(1, WAIT));
        clock.advance(s(2));
        assertTrue(clock.awaitScheduled(2, WAIT));
        clock.advance(s(4));
        assertTrue(clock.awaitScheduled(3, WAIT));
        assertEquals(List.of(s(2), s(4), s(5)), clock.delays()); // capped at maxDelay
        clock.advance(s(5));
        r.stopped().toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS); // gave up
        assertEquals(3, clock.delays().size());
        assertNull(r.connection());
      }
    });
  }

  @Test
  void jitterDrawsANormalDeviateAroundTheDelay() {
    bounded(() -> {
      ManualScheduler clock = new ManualScheduler();
      ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(s(1)).factor(3).jitter(0.5).build();
      try (AmpClient client = AmpClient.builder().build();
          ReconnectingAmpClient r = ReconnectingAmpClient.builder(client, "127.0.0.1", REFUSED_PORT)
              .policy(policy).scheduler(clock).random(new Random(42)).start()) {
        assertTrue(clock.awaitScheduled(1, WAIT));
        double mean = 3.0;
        double expected = mean + new Random(42).nextGaussian() * mean * 0.5;
        assertEquals(Duration.ofNanos((long) (Math.max(0, expected) * 1e9)), clock.delays().get(0));
        r.stop();
        clock.advance(s(60));
        assertEquals(1, clock.delays().size(), "stopped: the retry did not run");
        assertTrue(r.stopped().toCompletableFuture().isDone());
      }
    });
  }

  @Test
  void policyValidatesItsValues() {
    assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().factor(0.5).build());
    assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().jitter(-1).build());
    assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().maxRetries(-2).build());
    assertThrows(IllegalArgumentException.class,
        () -> ReconnectPolicy.builder().initialDelay(Duration.ofSeconds(-1)).build());
    ReconnectPolicy twisted = ReconnectPolicy.TWISTED;
    assertEquals(Duration.ofSeconds(1), twisted.initialDelay());
    assertEquals(Math.E, twisted.factor());
    assertEquals(0.119626565582, twisted.jitter());
    assertEquals(Duration.ofSeconds(3600), twisted.maxDelay());
    assertEquals(-1, twisted.maxRetries());
    assertEquals(twisted.toString(), twisted.toBuilder().build().toString());
  }
}
