package dev.spindle.pb;

import dev.spindle.transport.ReconnectPolicy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.Portal;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.cred.testing.ManualScheduler;
import dev.spindle.testing.LeakChecked;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ReconnectingPbClient against a real PB server with a portal on 127.0.0.1, retries on a virtual
 * clock: logs in, logs in again after the connection is lost, backs off while login fails.
 */
@LeakChecked
@Timeout(60)
class ReconnectingPbClientTest {
  private static final long WAIT = 20;

  private static <T> T poll(BlockingQueue<T> q) throws InterruptedException {
    T t = q.poll(WAIT, TimeUnit.SECONDS);
    assertNotNull(t, "timed out waiting");
    return t;
  }

  private static Duration s(long seconds) {
    return Duration.ofSeconds(seconds);
  }

  @Test
  void logsInAgainAfterTheConnectionIsLostAndBacksOffWhileLoginFails() throws Exception {
    ManualScheduler clock = new ManualScheduler();
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice", "secret");
    BlockingQueue<PbConnection> accepted = new LinkedBlockingQueue<>();
    BlockingQueue<RemoteReference> avatars = new LinkedBlockingQueue<>();
    ReconnectPolicy policy = ReconnectPolicy.builder().initialDelay(s(1)).factor(2).jitter(0).build();
    try (PbServer server = PbServer.builder().portal(new Portal(new LoginGoldens.GoldenRealm(), users))
            .onConnection(accepted::add).start();
        PbClient client = PbClient.builder().build();
        ReconnectingPbClient worker = ReconnectingPbClient.builder(client, "127.0.0.1", server.port(),
                UsernamePassword.of("alice", "secret"), null)
            .policy(policy).scheduler(clock).onLogin(avatars::add).start()) {
      RemoteReference first = poll(avatars);
      assertSame(first, worker.avatar());
      poll(accepted).close();
      assertTrue(clock.awaitScheduled(1, Duration.ofSeconds(WAIT)));
      assertNull(worker.avatar());
      assertEquals(List.of(s(2)), clock.delays());
      clock.advance(s(2));
      RemoteReference second = poll(avatars);
      assertNotSame(first, second);
      assertSame(second, worker.avatar());

      users.addUser("alice", "changed"); // the next login is refused: back off
      poll(accepted).close();
      assertTrue(clock.awaitScheduled(2, Duration.ofSeconds(WAIT)));
      clock.advance(s(2));
      assertTrue(clock.awaitScheduled(3, Duration.ofSeconds(WAIT)));
      assertEquals(List.of(s(2), s(2), s(4)), clock.delays());
      worker.stop();
      clock.advance(s(4));
      assertEquals(3, clock.delays().size());
    }
  }
}
