package dev.spindle.amp.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.LogCapture;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 11, findings 3 and 6 for AMP logins: logged at INFO (user, peer; never the password) and
 * throttled by default, with thresholds a person mistyping a password does not meet. (The log
 * limiter is JVM-wide, so the test that looks for lines runs first; LoginLogTest in cred shows
 * the bound.)
 */
@LeakChecked
@Timeout(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoginLogAndThrottleTest {
  private static final byte[] SECRET = "secret".getBytes(UTF_8);
  private static final byte[] WRONG = "hunter2".getBytes(UTF_8);

  private static <T> T get(CompletionStage<T> f) throws Exception {
    return f.toCompletableFuture().get(15, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletionStage<?> f) {
    return assertThrows(ExecutionException.class, () -> get(f)).getCause();
  }

  private static Portal portal() {
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice".getBytes(UTF_8), SECRET);
    Realm realm = (Realm.Synchronous) (id, mind, interfaces) ->
        LoginResult.of(CommandLocator.class, name -> name.equals("Ping")
            ? box -> CompletableFuture.completedFuture(new AmpBox()) : null);
    return new Portal(realm, users);
  }

  private static AmpServer serve(AmpLoginServer login) {
    return AmpServer.builder().locatorFactory(login).start();
  }

  /** Fails one login with the wrong password; returns how long the answer took, in ms. */
  private static long failOnce(AmpConnection c) {
    long t0 = System.nanoTime();
    assertInstanceOf(
        UnauthorizedLoginException.class, failure(AmpLogin.login(c, "alice", WRONG)));
    return (System.nanoTime() - t0) / 1_000_000;
  }

  @Test
  @Order(1)
  void loginsAreLoggedAtInfoWithUserAndPeerButNoSecret() throws Exception {
    try (LogCapture log = LogCapture.start();
        AmpServer server = serve(AmpLoginServer.builder(portal()).build());
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = get(client.connect("127.0.0.1", server.port()));
      failOnce(c);
      get(AmpLogin.login(c, "alice", SECRET));
      c.close();
      String text = log.text();
      assertEquals(1, log.linesContaining(
          "INFO dev.spindle.cred.LoginLog - AMP login failed: user 'alice' from /127.0.0.1:").size(),
          text);
      assertEquals(1, log.linesContaining(
          "INFO dev.spindle.cred.LoginLog - AMP login succeeded: user 'alice' from /127.0.0.1:")
          .size(), text);
      assertFalse(text.contains("hunter2") || text.contains("secret"), text);
    }
  }

  @Test
  @Order(2)
  void loginsAreThrottledByDefaultAfterFiveFailures() throws Exception {
    try (AmpServer server = serve(AmpLoginServer.builder(portal()).build());
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = get(client.connect("127.0.0.1", server.port()));
      long free = 0;
      for (int i = 0; i < AmpLoginServer.DEFAULT_FREE_LOGIN_FAILURES; i++) {
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
    try (AmpServer server =
            serve(AmpLoginServer.builder(portal()).throttleLogins(false).build());
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = get(client.connect("127.0.0.1", server.port()));
      long total = 0;
      for (int i = 0; i < 10; i++) {
        total += failOnce(c);
      }
      assertTrue(total < 10 * 900, "no delays: " + total + " ms");
      get(AmpLogin.login(c, "alice", SECRET));
    }
  }
}
