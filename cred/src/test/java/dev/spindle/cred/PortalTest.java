package dev.spindle.cred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.checkers.AllowAnonymousAccess;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PortalTest {
  /** An avatar interface for a theoretical protocol (Twisted's ITestable). */
  interface Testable {
    AvatarId id();
  }

  /** A second avatar interface. */
  interface Other {}

  record TestAvatar(AvatarId id) implements Testable, Other {}

  /** Twisted's TestRealm: one avatar per login, counting logouts. */
  static final class TestRealm implements Realm.Synchronous {
    final AtomicInteger logouts = new AtomicInteger();
    final List<Object> minds = new ArrayList<>();
    final List<AvatarId> ids = new ArrayList<>();

    @Override
    public LoginResult<?> requestAvatarNow(AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
      ids.add(avatarId);
      minds.add(mind);
      Class<?> first = interfaces.get(0);
      TestAvatar avatar = new TestAvatar(avatarId);
      if (first == Other.class) {
        return LoginResult.of(Other.class, avatar, logouts::incrementAndGet);
      }
      return LoginResult.of(Testable.class, avatar, logouts::incrementAndGet);
    }
  }

  /** Credentials deriving from UsernamePassword, as in Twisted's test_derivedInterface. */
  interface DerivedCredentials extends UsernamePassword {}

  record Derived(byte[] username, byte[] password) implements DerivedCredentials {
    @Override
    public boolean checkPassword(byte[] correct) {
      return java.security.MessageDigest.isEqual(password, correct);
    }
  }

  /** A checker that names itself as the avatar id, to see which checker the portal picked. */
  record NamedChecker(String name, List<Class<? extends Credentials>> credentialInterfaces)
      implements CredentialsChecker.Synchronous {
    @Override
    public AvatarId requestAvatarIdNow(Credentials credentials) {
      return AvatarId.of(name);
    }
  }

  interface KindA extends Credentials {}

  interface KindB extends Credentials {}

  static final class BothKinds implements KindA, KindB {}

  private final TestRealm realm = new TestRealm();

  private Portal portalWithBob() {
    InMemoryUsernamePasswordDatabase db = new InMemoryUsernamePasswordDatabase();
    db.addUser("bob", "hello");
    return new Portal(realm, db);
  }

  private static <T> T done(CompletionStage<T> stage) {
    CompletableFuture<T> f = stage.toCompletableFuture();
    assertTrue(f.isDone(), "stage completed synchronously");
    return f.join();
  }

  private static Throwable failure(CompletionStage<?> stage) {
    AtomicReference<Throwable> seen = new AtomicReference<>();
    AtomicInteger calls = new AtomicInteger();
    stage.whenComplete(
        (v, t) -> {
          calls.incrementAndGet();
          seen.set(t);
        });
    assertEquals(1, calls.get(), "stage completed synchronously");
    assertTrue(seen.get() != null, "stage failed");
    return seen.get();
  }

  @Test
  void listsCredentialsInterfacesOfTheRegisteredCheckers() {
    assertEquals(
        List.of(UsernamePassword.class, UsernameHashedPassword.class),
        portalWithBob().listCredentialsInterfaces());
  }

  @Test
  void basicLoginGivesTheRealmsAvatarAndLogout() {
    Object mind = new Object();
    LoginResult<Testable> result =
        done(portalWithBob().login(UsernamePassword.of("bob", "hello"), mind, Testable.class));
    assertEquals(Testable.class, result.avatarInterface());
    assertEquals(AvatarId.of("bob"), result.avatar().id());
    assertSame(mind, realm.minds.get(0));
    assertEquals(0, realm.logouts.get());
    result.logout();
    assertEquals(1, realm.logouts.get());
  }

  @Test
  void derivedCredentialsInterfaceMatchesItsParent() {
    LoginResult<Testable> result =
        done(
            portalWithBob()
                .login(
                    new Derived("bob".getBytes(StandardCharsets.UTF_8), "hello".getBytes(StandardCharsets.UTF_8)),
                    null,
                    Testable.class));
    assertEquals(AvatarId.of("bob"), result.avatar().id());
    assertNull(realm.minds.get(0));
  }

  @Test
  void wrongPasswordAndUnknownUserFailAlike() {
    Portal portal = portalWithBob();
    Throwable wrongPassword =
        failure(portal.login(UsernamePassword.of("bob", "h3llo"), null, Testable.class));
    Throwable unknownUser =
        failure(portal.login(UsernamePassword.of("jay", "hello"), null, Testable.class));
    assertSame(UnauthorizedLoginException.class, wrongPassword.getClass());
    assertSame(UnauthorizedLoginException.class, unknownUser.getClass());
    assertEquals(wrongPassword.getMessage(), unknownUser.getMessage());
    assertEquals("", ((LoginException) wrongPassword).twistedValue());
    assertEquals("", ((LoginException) unknownUser).twistedValue());
    assertTrue(realm.ids.isEmpty(), "the realm is not asked after a failed check");
  }

  @Test
  void firstRegisteredInterfaceTheCredentialsImplementPicksTheChecker() {
    Portal portal = new Portal(realm);
    portal.registerChecker(new NamedChecker("b", List.of(KindB.class)));
    portal.registerChecker(new NamedChecker("a", List.of(KindA.class)));
    done(portal.login(new BothKinds(), null, Testable.class));
    assertEquals(AvatarId.of("b"), realm.ids.get(0));
  }

  @Test
  void laterRegistrationReplacesTheCheckerAndKeepsItsPlace() {
    Portal portal = new Portal(realm);
    portal.registerChecker(new NamedChecker("first", List.of(KindA.class)));
    portal.registerChecker(new NamedChecker("b", List.of(KindB.class)));
    portal.registerChecker(new NamedChecker("replacement", List.of()), KindA.class);
    assertEquals(List.of(KindA.class, KindB.class), portal.listCredentialsInterfaces());
    done(portal.login(new BothKinds(), null, Testable.class));
    assertEquals(AvatarId.of("replacement"), realm.ids.get(0));
  }

  @Test
  void explicitInterfacesOverrideTheCheckersOwn() {
    Portal portal = new Portal(realm);
    portal.registerChecker(new NamedChecker("x", List.of(KindA.class)), KindB.class);
    assertEquals(List.of(KindB.class), portal.listCredentialsInterfaces());
  }

  @Test
  void checkerWithoutInterfacesIsRefused() {
    Portal portal = new Portal(realm);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> portal.registerChecker(new NamedChecker("x", List.of())));
    assertTrue(e.getMessage().contains("expected: at least one interface"), e.getMessage());
  }

  @Test
  void unhandledCredentialsNameTheirInterfacesInJavaAndTwistedTerms() {
    Throwable t = failure(portalWithBob().login(Anonymous.INSTANCE, null, Testable.class));
    UnhandledCredentialsException e = assertInstanceOf(UnhandledCredentialsException.class, t);
    assertEquals("No checker for dev.spindle.cred.Anonymous", e.getMessage());
    assertEquals("No checker for twisted.cred.credentials.IAnonymous", e.twistedValue());
    assertEquals("twisted.cred.error.UnhandledCredentials", e.twistedTypeName());
  }

  @Test
  void unhandledPbCredentialsListBothOfTheirInterfaces() {
    Portal portal = new Portal(realm, new AllowAnonymousAccess());
    UsernameMD5Password pb = PbChallenge.random().credentials(new byte[] {'a'}, new byte[16]);
    UnhandledCredentialsException e =
        assertInstanceOf(
            UnhandledCredentialsException.class, failure(portal.login(pb, null, Testable.class)));
    assertEquals(
        "No checker for dev.spindle.cred.UsernameHashedPassword, dev.spindle.cred.UsernameMD5Password",
        e.getMessage());
    assertEquals(
        "No checker for twisted.cred.credentials.IUsernameHashedPassword,"
            + " twisted.spread.pb.IUsernameMD5Password",
        e.twistedValue());
  }

  @Test
  void anonymousLoginGivesTheAnonymousAvatarId() {
    Portal portal = new Portal(realm, new AllowAnonymousAccess());
    LoginResult<Testable> result = done(portal.login(Anonymous.INSTANCE, null, Testable.class));
    assertSame(AvatarId.ANONYMOUS, result.avatar().id());
  }

  @Test
  void realmRefusalReachesTheCallerUnwrapped() {
    Realm refusing =
        (Realm.Synchronous)
            (id, mind, interfaces) -> {
              throw new LoginDeniedException("account disabled");
            };
    InMemoryUsernamePasswordDatabase db = new InMemoryUsernamePasswordDatabase();
    db.addUser("bob", "hello");
    Throwable t =
        failure(new Portal(refusing, db).login(UsernamePassword.of("bob", "hello"), null, Testable.class));
    LoginDeniedException e = assertInstanceOf(LoginDeniedException.class, t);
    assertEquals("account disabled", e.getMessage());
    assertEquals("twisted.cred.error.LoginDenied", e.twistedTypeName());
  }

  @Test
  void asynchronousRealmFailureReachesTheCallerUnwrapped() {
    CompletableFuture<LoginResult<?>> answer = new CompletableFuture<>();
    Realm realm = (id, mind, interfaces) -> answer.thenApply(r -> r);
    Portal portal = new Portal(realm, new AllowAnonymousAccess());
    CompletableFuture<LoginResult<Testable>> f =
        portal.login(Anonymous.INSTANCE, null, Testable.class).toCompletableFuture();
    assertFalse(f.isDone());
    answer.completeExceptionally(new LoginDeniedException());
    assertInstanceOf(LoginDeniedException.class, failure(f));
  }

  @Test
  void asynchronousCheckerAndRealmCompleteTheLoginLater() {
    CompletableFuture<AvatarId> checked = new CompletableFuture<>();
    CompletableFuture<LoginResult<?>> avatar = new CompletableFuture<>();
    CredentialsChecker checker =
        new CredentialsChecker() {
          @Override
          public List<Class<? extends Credentials>> credentialInterfaces() {
            return List.of(UsernamePassword.class);
          }

          @Override
          public CompletionStage<AvatarId> requestAvatarId(Credentials credentials) {
            return checked;
          }
        };
    AtomicReference<AvatarId> asked = new AtomicReference<>();
    Realm realm =
        (id, mind, interfaces) -> {
          asked.set(id);
          return avatar;
        };
    CompletableFuture<LoginResult<Testable>> f =
        new Portal(realm, checker)
            .login(UsernamePassword.of("carol", "pw"), null, Testable.class)
            .toCompletableFuture();
    assertFalse(f.isDone());
    checked.complete(AvatarId.of("carol"));
    assertEquals(AvatarId.of("carol"), asked.get());
    assertFalse(f.isDone());
    TestAvatar a = new TestAvatar(AvatarId.of("carol"));
    avatar.complete(LoginResult.of(Testable.class, a));
    assertSame(a, f.join().avatar());
  }

  @Test
  void checkerThatThrowsFailsTheLogin() {
    CredentialsChecker throwing =
        new CredentialsChecker() {
          @Override
          public List<Class<? extends Credentials>> credentialInterfaces() {
            return List.of(Anonymous.class);
          }

          @Override
          public CompletionStage<AvatarId> requestAvatarId(Credentials credentials) {
            throw new UnauthorizedLoginException();
          }
        };
    assertInstanceOf(
        UnauthorizedLoginException.class,
        failure(new Portal(realm, throwing).login(Anonymous.INSTANCE, null, Testable.class)));
  }

  @Test
  void asynchronousCheckerFailureArrivesUnwrapped() {
    CredentialsChecker failing =
        new CredentialsChecker() {
          @Override
          public List<Class<? extends Credentials>> credentialInterfaces() {
            return List.of(Anonymous.class);
          }

          @Override
          public CompletionStage<AvatarId> requestAvatarId(Credentials credentials) {
            return CompletableFuture.<AvatarId>failedFuture(new UnauthorizedLoginException())
                .thenApply(id -> id);
          }
        };
    assertSame(
        UnauthorizedLoginException.class,
        failure(new Portal(realm, failing).login(Anonymous.INSTANCE, null, Testable.class)).getClass());
  }

  @Test
  void realmMayChooseAmongSeveralInterfaces() {
    Portal portal = new Portal(realm, new AllowAnonymousAccess());
    LoginResult<?> result = done(portal.login(Anonymous.INSTANCE, null, Other.class, Testable.class));
    assertEquals(Other.class, result.avatarInterface());
    assertInstanceOf(Other.class, result.as(Other.class).avatar());
    assertThrows(ClassCastException.class, () -> result.as(Testable.class));
  }

  @Test
  void realmAnsweringAnInterfaceNotAskedForFailsAndLogsOut() {
    Portal portal = new Portal(realm, new AllowAnonymousAccess());
    // TestRealm answers Testable unless Other comes first.
    Throwable wrong = failure(portal.login(Anonymous.INSTANCE, null, Runnable.class, Other.class));
    assertInstanceOf(IllegalStateException.class, wrong);
    assertTrue(
        wrong.getMessage().startsWith("avatarInterface from realm: " + Testable.class.getName()),
        wrong.getMessage());
    assertEquals(1, realm.logouts.get(), "the unusable avatar was logged out");
  }

  @Test
  void checkerAnsweringNullFailsTheLogin() {
    CredentialsChecker.Synchronous nullChecker =
        new CredentialsChecker.Synchronous() {
          @Override
          public List<Class<? extends Credentials>> credentialInterfaces() {
            return List.of(Anonymous.class);
          }

          @Override
          public AvatarId requestAvatarIdNow(Credentials credentials) {
            return null;
          }
        };
    assertInstanceOf(
        IllegalStateException.class,
        failure(new Portal(realm, nullChecker).login(Anonymous.INSTANCE, null, Testable.class)));
  }

  @Test
  void loginWithoutAvatarInterfaceIsAProgrammingError() {
    assertThrows(
        IllegalArgumentException.class, () -> portalWithBob().login(Anonymous.INSTANCE, null, new Class<?>[0]));
  }

  @Test
  void pbChallengeCredentialsLogInThroughAPlaintextChecker() {
    PbChallenge challenge = PbChallenge.random();
    byte[] response = challenge.respond("hello".getBytes(StandardCharsets.UTF_8));
    LoginResult<Testable> result =
        done(
            portalWithBob()
                .login(
                    challenge.credentials("bob".getBytes(StandardCharsets.UTF_8), response),
                    null,
                    Testable.class));
    assertEquals(AvatarId.of("bob"), result.avatar().id());
  }
}
