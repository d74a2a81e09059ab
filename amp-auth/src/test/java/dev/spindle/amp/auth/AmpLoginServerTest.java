package dev.spindle.amp.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.exceptions.UnhandledCommandException;
import dev.spindle.amp.exceptions.UnknownRemoteException;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.cred.Anonymous;
import dev.spindle.cred.AvatarId;
import dev.spindle.cred.Credentials;
import dev.spindle.cred.CredentialsChecker;
import dev.spindle.cred.LoginDeniedException;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.checkers.AllowAnonymousAccess;
import dev.spindle.cred.checkers.FilePasswordDatabase;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.cred.checkers.PasswordFile;
import dev.spindle.cred.testing.ManualScheduler;
import dev.spindle.cred.throttle.LoginThrottle;
import dev.spindle.cred.throttle.ThrottledPortal;
import dev.spindle.testing.LeakChecked;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Cred over AMP on real TCP, 127.0.0.1 and ephemeral ports, every wait bounded. */
@LeakChecked
class AmpLoginServerTest {
  private static final Duration LIMIT = Duration.ofSeconds(60);
  private static final long WAIT = 15;
  private static final byte[] SECRET = "secret".getBytes(UTF_8);
  private static final byte[] WRONG = "Secret".getBytes(UTF_8);

  @TempDir Path dir;

  private static void bounded(Executable test) {
    assertTimeoutPreemptively(LIMIT, test);
  }

  private static <T> T get(CompletionStage<T> f) throws Exception {
    return f.toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletionStage<?> f) {
    return assertThrows(
            ExecutionException.class, () -> f.toCompletableFuture().get(WAIT, TimeUnit.SECONDS))
        .getCause();
  }

  /** The avatar: a hand-written box-level locator answering {@code Whoami} with its name. */
  private static CommandLocator avatar(String name) {
    return commandName ->
        commandName.equals("Whoami")
            ? box -> CompletableFuture.completedFuture(
                new AmpBox().put("name", name.getBytes(UTF_8)))
            : null;
  }

  private static String whoami(AmpConnection c) throws Exception {
    return new String(get(c.callRemoteString("Whoami", new AmpBox())).get("name"), UTF_8);
  }

  /** The failure of calling {@code command} without arguments. */
  private static Throwable failureOf(AmpConnection c, String command) {
    return failure(c.callRemoteString(command, new AmpBox()));
  }

  /** Sends {@code PasswordLogin} by hand; returns the challenge. */
  private static byte[] challenge(AmpConnection c, String username) throws Exception {
    AmpBox ask = new AmpBox().put("username", username.getBytes(UTF_8));
    return get(c.callRemoteString("PasswordLogin", ask)).get("challenge");
  }

  /** Sends {@code PasswordChallengeResponse} by hand; returns the error answered. */
  private static RemoteAmpException refusedResponse(
      AmpConnection c, byte[] cnonce, byte[] response) {
    AmpBox box = new AmpBox().put("cnonce", cnonce).put("response", response);
    return assertInstanceOf(
        RemoteAmpException.class, failure(c.callRemoteString("PasswordChallengeResponse", box)));
  }

  /** Gives each user an {@link #avatar}; counts logouts and remembers what it was asked. */
  private static final class TestRealm implements Realm.Synchronous {
    final AtomicInteger logouts = new AtomicInteger();
    final CountDownLatch loggedOut = new CountDownLatch(1);
    final AtomicReference<Object> mind = new AtomicReference<>();
    final AtomicReference<List<Class<?>>> interfaces = new AtomicReference<>();

    @Override
    public LoginResult<?> requestAvatarNow(
        AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
      this.mind.set(mind);
      this.interfaces.set(interfaces);
      String name = avatarId.isAnonymous() ? "anonymous" : avatarId.usernameAsString();
      return LoginResult.of(CommandLocator.class, avatar(name), this::logout);
    }

    private void logout() {
      logouts.incrementAndGet();
      loggedOut.countDown();
    }
  }

  private final TestRealm realm = new TestRealm();

  private static InMemoryUsernamePasswordDatabase users() {
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice".getBytes(UTF_8), SECRET);
    return users;
  }

  private static AmpServer serve(Function<AmpConnection, CommandLocator> factory) {
    return AmpServer.builder().locatorFactory(factory).start();
  }

  private static AmpConnection connect(AmpClient client, AmpServer server) throws Exception {
    return get(client.connect("127.0.0.1", server.port()));
  }

  @Test
  void rightPasswordSendsLaterCommandsToTheAvatar() {
    bounded(() -> {
      Portal portal = new Portal(realm, users());
      try (AmpServer server = serve(AmpLoginServer.builder(portal).build());
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        assertInstanceOf(UnhandledCommandException.class, failureOf(c, "Whoami"));
        get(AmpLogin.login(c, "alice", SECRET));
        assertEquals("alice", whoami(c));
        assertInstanceOf(AmpConnection.class, realm.mind.get(), "the server's connection");
        assertEquals(List.of(CommandLocator.class, Object.class), realm.interfaces.get());
        // One login per connection: from now on the avatar answers everything.
        assertInstanceOf(
            UnhandledCommandException.class, failure(AmpLogin.login(c, "alice", SECRET)));
        assertEquals(0, realm.logouts.get());
      }
    });
  }

  @Test
  void wireExchangeIsAmpauthsPasswordLoginThenShaOfChallengeNonceAndPassword() {
    bounded(() -> {
      Portal portal = new Portal(realm, users());
      try (AmpServer server = serve(AmpLoginServer.builder(portal).build());
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        byte[] challenge = challenge(c, "alice");
        assertEquals(AmpLogin.CHALLENGE_BYTES, challenge.length);
        byte[] cnonce = "client nonce".getBytes(US_ASCII);
        MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
        sha1.update(challenge);
        sha1.update((byte) ' ');
        sha1.update(cnonce);
        sha1.update((byte) ' ');
        byte[] response = sha1.digest(SECRET);
        AmpBox done =
            get(c.callRemoteString(
                "PasswordChallengeResponse",
                new AmpBox().put("cnonce", cnonce).put("response", response)));
        assertEquals(1, done.size(), "an empty answer: only _answer");
        assertEquals("alice", whoami(c));
      }
    });
  }

  @Test
  void wrongPasswordAndUnknownUserFailAlikeAndTheConnectionStaysUsable() {
    bounded(() -> {
      Portal portal = new Portal(realm, users());
      try (AmpServer server = serve(AmpLoginServer.builder(portal).build());
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        Throwable wrongPassword = failure(AmpLogin.login(c, "alice", WRONG));
        Throwable unknownUser = failure(AmpLogin.login(c, "mallory", SECRET));
        assertInstanceOf(UnauthorizedLoginException.class, wrongPassword);
        assertInstanceOf(UnauthorizedLoginException.class, unknownUser);
        assertEquals(wrongPassword.getMessage(), unknownUser.getMessage());
        assertEquals("", ((UnauthorizedLoginException) wrongPassword).twistedValue());

        RemoteAmpException rawWrong = rawChallengeResponse(c, "alice", WRONG);
        RemoteAmpException rawUnknown = rawChallengeResponse(c, "mallory", SECRET);
        assertEquals("UNAUTHORIZED_LOGIN", rawWrong.errorCode());
        assertEquals("", rawWrong.description());
        assertEquals(rawWrong.errorCode(), rawUnknown.errorCode());
        assertEquals(rawWrong.description(), rawUnknown.description());

        assertTrue(c.isOpen());
        get(AmpLogin.login(c, "alice", SECRET));
        assertEquals("alice", whoami(c));
        assertEquals(0, realm.logouts.get());
      }
    });
  }

  /** Logs in by hand and returns the error the server answered. */
  private static RemoteAmpException rawChallengeResponse(
      AmpConnection c, String username, byte[] password) throws Exception {
    byte[] challenge = challenge(c, username);
    byte[] cnonce = new byte[16];
    return refusedResponse(
        c, cnonce, AmpChallengeCredentials.response(challenge, cnonce, password));
  }

  @Test
  void commandsBeforeLoginAreUnhandledAndLoginIsUnhandledUnlessAllowed() {
    bounded(() -> {
      Portal portal = new Portal(realm, users());
      try (AmpServer server = serve(AmpLoginServer.builder(portal).build());
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        assertInstanceOf(UnhandledCommandException.class, failureOf(c, "Whoami"));
        assertInstanceOf(UnhandledCommandException.class, failureOf(c, "Sum"));
        assertInstanceOf(
            UnhandledCommandException.class, failure(AmpLogin.loginPlaintext(c, "alice", SECRET)));
        assertTrue(c.isOpen());
        get(AmpLogin.login(c, "alice", SECRET));
        assertEquals("alice", whoami(c));
      }
    });
  }

  @Test
  void aChallengeAnswersOneResponseAndAResponseNeedsAChallenge() {
    bounded(() -> {
      Portal portal = new Portal(realm, users());
      try (AmpServer server = serve(AmpLoginServer.builder(portal).build());
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        byte[] cnonce = new byte[16];
        RemoteAmpException none = refusedResponse(c, cnonce, new byte[20]);
        assertEquals("UNAUTHORIZED_LOGIN", none.errorCode());

        byte[] challenge = challenge(c, "alice");
        byte[] wrong = AmpChallengeCredentials.response(challenge, cnonce, WRONG);
        byte[] right = AmpChallengeCredentials.response(challenge, cnonce, SECRET);
        assertEquals("UNAUTHORIZED_LOGIN", refusedResponse(c, cnonce, wrong).errorCode());
        RemoteAmpException reused = refusedResponse(c, cnonce, right);
        assertEquals("UNAUTHORIZED_LOGIN", reused.errorCode(), "the challenge was used up");
        assertInstanceOf(UnhandledCommandException.class, failureOf(c, "Whoami"));
      }
    });
  }

  @Test
  void challengesDifferEachTime() {
    bounded(() -> {
      Portal portal = new Portal(realm, users());
      try (AmpServer server = serve(AmpLoginServer.builder(portal).build());
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        byte[] first = challenge(c, "alice");
        byte[] second = challenge(c, "alice");
        assertFalse(Arrays.equals(first, second));
      }
    });
  }

  @Test
  void logoutRunsOnceWhenTheConnectionCloses() {
    bounded(() -> {
      Portal portal = new Portal(realm, users());
      try (AmpServer server = serve(AmpLoginServer.builder(portal).build());
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        get(AmpLogin.login(c, "alice", SECRET));
        assertEquals("alice", whoami(c));
        assertEquals(0, realm.logouts.get());
        get(c.close());
        assertTrue(realm.loggedOut.await(WAIT, TimeUnit.SECONDS));
      }
      assertEquals(1, realm.logouts.get(), "once, also after the server closed");
    });
  }

  @Test
  void logoutRunsWhenTheServerClosesTheConnection() {
    bounded(() -> {
      Portal portal = new Portal(realm, users());
      AmpClient client = AmpClient.builder().build();
      try (client) {
        AmpServer server = serve(AmpLoginServer.builder(portal).build());
        AmpConnection c = connect(client, server);
        get(AmpLogin.login(c, "alice", SECRET));
        server.close();
        assertTrue(realm.loggedOut.await(WAIT, TimeUnit.SECONDS));
        get(c.closeFuture());
      }
      assertEquals(1, realm.logouts.get());
    });
  }

  @Test
  void logoutRunsWhenTheConnectionClosesWhileTheLoginIsChecked() {
    bounded(() -> {
      CompletableFuture<AvatarId> verdict = new CompletableFuture<>();
      CountDownLatch asked = new CountDownLatch(1);
      CredentialsChecker slow =
          new CredentialsChecker() {
            @Override
            public List<Class<? extends Credentials>> credentialInterfaces() {
              return List.of(Anonymous.class);
            }

            @Override
            public CompletionStage<AvatarId> requestAvatarId(Credentials credentials) {
              asked.countDown();
              return verdict;
            }
          };
      Portal portal = new Portal(realm, slow);
      AtomicReference<AmpConnection> serverSide = new AtomicReference<>();
      try (AmpServer server =
              AmpServer.builder()
                  .locatorFactory(AmpLoginServer.builder(portal).build())
                  .onConnection(serverSide::set)
                  .start();
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        CompletableFuture<Void> login = AmpLogin.loginAnonymous(c);
        assertTrue(asked.await(WAIT, TimeUnit.SECONDS));
        get(c.close());
        get(serverSide.get().closeFuture());
        verdict.complete(AvatarId.ANONYMOUS);
        // The login finishes on the connection's event loop, after this thread completed it.
        assertTrue(realm.loggedOut.await(WAIT, TimeUnit.SECONDS),
            "the avatar nobody will use is logged out");
        assertEquals(1, realm.logouts.get());
        failure(login); // the client's call failed with the connection
      }
      assertEquals(1, realm.logouts.get());
    });
  }

  @Test
  void plaintextLoginChecksABcryptPasswordFileWhichChallengeResponseCannot() {
    bounded(() -> {
      Path path = dir.resolve("passwords");
      PasswordFile.at(path).withCost(4).writeEntry("alice", SECRET);
      Portal portal = new Portal(realm, FilePasswordDatabase.builder(path).build());
      AmpLoginServer login = AmpLoginServer.builder(portal).allowPlaintextLogin(true).build();
      try (AmpServer server = serve(login);
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        Throwable cannot = failure(AmpLogin.login(c, "alice", SECRET));
        assertInstanceOf(UnsupportedOperationException.class, cannot, "NOT_IMPLEMENTED_ERROR");
        assertInstanceOf(
            UnauthorizedLoginException.class, failure(AmpLogin.loginPlaintext(c, "alice", WRONG)));
        assertInstanceOf(
            UnauthorizedLoginException.class, failure(AmpLogin.loginPlaintext(c, "bob", SECRET)));
        assertTrue(c.isOpen());
        get(AmpLogin.loginPlaintext(c, "alice", SECRET));
        assertEquals("alice", whoami(c));
      }
      assertTrue(realm.loggedOut.await(WAIT, TimeUnit.SECONDS));
    });
  }

  @Test
  void anonymousLoginNeedsAnAnonymousChecker() {
    bounded(() -> {
      Portal anonymousAllowed = new Portal(realm, users(), new AllowAnonymousAccess());
      try (AmpServer withAnonymous = serve(AmpLoginServer.builder(anonymousAllowed).build());
          AmpServer without = serve(AmpLoginServer.builder(new Portal(realm, users())).build());
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection refused = connect(client, without);
        Throwable e = failure(AmpLogin.loginAnonymous(refused));
        assertInstanceOf(UnsupportedOperationException.class, e);
        assertTrue(e.getMessage().startsWith("No checker for "), e.getMessage());
        assertTrue(refused.isOpen());

        AmpConnection c = connect(client, withAnonymous);
        get(AmpLogin.loginAnonymous(c));
        assertEquals("anonymous", whoami(c));
      }
    });
  }

  @Test
  void avatarThatAnswersNoCommandsIsNotImplementedAndLoggedOut() {
    bounded(() -> {
      AtomicInteger logouts = new AtomicInteger();
      Realm plain =
          (Realm.Synchronous)
              (id, mind, interfaces) ->
                  LoginResult.of(Object.class, new Object(), logouts::incrementAndGet);
      try (AmpServer server = serve(AmpLoginServer.builder(new Portal(plain, users())).build());
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        Throwable e = failure(AmpLogin.login(c, "alice", SECRET));
        assertInstanceOf(UnsupportedOperationException.class, e);
        assertEquals("avatar answers no AMP commands", e.getMessage());
        assertEquals(1, logouts.get());
        assertTrue(c.isOpen());
        assertInstanceOf(UnhandledCommandException.class, failureOf(c, "Whoami"));
      }
      assertEquals(1, logouts.get());
    });
  }

  @Test
  void realmRefusalIsUndeclaredAndClosesTheConnectionAsInTwisted() {
    bounded(() -> {
      Realm refusing =
          (Realm.Synchronous)
              (id, mind, interfaces) -> {
                throw new LoginDeniedException("account disabled");
              };
      try (AmpServer server = serve(AmpLoginServer.builder(new Portal(refusing, users())).build());
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        Throwable e = failure(AmpLogin.login(c, "alice", SECRET));
        assertInstanceOf(UnknownRemoteException.class, e);
        assertEquals("UNKNOWN", ((UnknownRemoteException) e).errorCode());
        get(c.closeFuture().exceptionally(t -> null));
        assertFalse(c.isOpen());
      }
    });
  }

  @Test
  void throttledPortalAnswersRepeatedFailuresFromTheSameAddressLater() {
    bounded(() -> {
      ManualScheduler scheduler = new ManualScheduler();
      LoginThrottle throttle =
          LoginThrottle.builder()
              .freeAttempts(1)
              .baseDelay(Duration.ofSeconds(2))
              .scheduler(scheduler)
              .ticker(scheduler::nanoTime)
              .build();
      ThrottledPortal portal = new ThrottledPortal(new Portal(realm, users()), throttle);
      try (throttle;
          AmpServer server = serve(AmpLoginServer.builder(portal).build());
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = connect(client, server);
        assertInstanceOf(
            UnauthorizedLoginException.class, failure(AmpLogin.login(c, "alice", WRONG)));
        assertEquals(List.of(), scheduler.delays(), "the first failure is free");

        CompletableFuture<Void> second = AmpLogin.login(c, "alice", WRONG);
        assertTrue(scheduler.awaitScheduled(1, Duration.ofSeconds(WAIT)));
        assertEquals(List.of(Duration.ofSeconds(2)), scheduler.delays());
        assertEquals(2, throttle.failures("127.0.0.1"), "keyed by the client's IP address");
        assertFalse(second.isDone(), "the answer waits for the throttle's delay");
        scheduler.advance(Duration.ofSeconds(2));
        assertInstanceOf(UnauthorizedLoginException.class, failure(second));

        AmpConnection other = connect(client, server);
        get(AmpLogin.login(other, "alice", SECRET));
        assertEquals("alice", whoami(other));
        assertEquals(0, throttle.failures("127.0.0.1"), "a success forgets the address");
        assertEquals(1, scheduler.delays().size(), "the right password was not delayed");
      }
    });
  }
}
