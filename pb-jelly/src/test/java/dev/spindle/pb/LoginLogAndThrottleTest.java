package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.Portal;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.LogCapture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11, findings 3 and 6 for PB logins through {@code PbServer.builder().portal(...)}: logged
 * at INFO (user, peer; never the response) and throttled by default. (The log limiter is
 * JVM-wide, so the test that looks for lines runs first.)
 */
@LeakChecked
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginLogAndThrottleTest {
  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(15, TimeUnit.SECONDS);
  }

  private static Portal portal() {
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice", "secret");
    return new Portal(new LoginGoldens.GoldenRealm(), users);
  }

  /** Fails one login with the wrong password; returns how long the answer took, in ms. */
  private static long failOnce(PbConnection c) {
    long t0 = System.nanoTime();
    Throwable t = assertThrows(ExecutionException.class,
        () -> await(c.login(UsernamePassword.of("alice", "hunter2"), null))).getCause();
    assertTrue(assertInstanceOf(RemotePbException.class, t).check("twisted.cred.error.UnauthorizedLogin"));
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Test
  @Order(1)
  void loginsAreLoggedAtInfoWithUserAndPeerButNoSecret() throws Exception {
    try (LogCapture log = LogCapture.start();
        PbServer server = PbServer.builder().portal(portal()).start();
        PbClient client = PbClient.builder().build()) {
      PbConnection c = await(client.connect("127.0.0.1", server.port()));
      failOnce(c);
      await(c.login(UsernamePassword.of("alice", "secret"), null));
      c.close();
      String text = log.text();
      assertEquals(1, log.linesContaining(
          "INFO dev.spindle.cred.LoginLog - PB login failed: user 'alice' from /127.0.0.1:").size(),
          text);
      assertEquals(1, log.linesContaining(
          "INFO dev.spindle.cred.LoginLog - PB login succeeded: user 'alice' from /127.0.0.1:")
          .size(), text);
      assertFalse(text.contains("hunter2") || text.contains("secret"), text);
    }
  }

  @Test
  @Order(2)
  void portalLoginsAreThrottledByDefaultAfterFiveFailures() throws Exception {
    try (PbServer server = PbServer.builder().portal(portal()).start();
        PbClient client = PbClient.builder().build()) {
      PbConnection c = await(client.connect("127.0.0.1", server.port()));
      long free = 0;
      for (int i = 0; i < PbServer.DEFAULT_FREE_LOGIN_FAILURES; i++) {
        free += failOnce(c);
      }
      long sixth = failOnce(c);
      assertTrue(sixth >= 900, "the sixth failure waits the 1 s base delay: " + sixth + " ms");
      assertTrue(free < 5 * 900, "the free failures are not delayed: " + free + " ms");
    }
  }

  @Test
  @Order(3)
  void throttlingCanBeTurnedOff() throws Exception {
    try (PbServer server = PbServer.builder().portal(portal()).throttleLogins(false).start();
        PbClient client = PbClient.builder().build()) {
      PbConnection c = await(client.connect("127.0.0.1", server.port()));
      long total = 0;
      for (int i = 0; i < 10; i++) {
        total += failOnce(c);
      }
      assertTrue(total < 10 * 900, "no delays: " + total + " ms");
      await(c.login(UsernamePassword.of("alice", "secret"), null));
    }
  }
}
