package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.Anonymous;
import dev.spindle.cred.AvatarId;
import dev.spindle.cred.Credentials;
import dev.spindle.cred.LoginDeniedException;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.PbChallenge;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.AllowAnonymousAccess;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.cred.checkers.MD5PasswordDatabase;
import dev.spindle.pb.LoginGoldens.ClientMind;
import dev.spindle.pb.LoginGoldens.GoldenRealm;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.pb.login.Perspective;
import dev.spindle.pb.login.PortalRoot;
import dev.spindle.testing.LeakChecked;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * PB login between a Java client and a Java server ({@link PortalRoot} over a cred {@link
 * Portal}) on two embedded channels: outcomes, failures as Twisted names them, and logout exactly
 * once on whichever of the last decref and the connection's loss comes first.
 */
@LeakChecked
class PortalLoginTest {
  private static final List<String> UNAUTHORIZED_PARENTS = List.of(
      "twisted.cred.error.UnauthorizedLogin", "twisted.cred.error.LoginFailed",
      "twisted.cred.error.Unauthorized", "builtins.Exception", "builtins.BaseException",
      "builtins.object");

  private static InMemoryUsernamePasswordDatabase users() {
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice", "secret");
    return users;
  }

  private static EmbeddedPair pair(Portal portal) {
    return new EmbeddedPair(PortalRoot.of(portal), PbServer.builder(), PbClient.builder());
  }

  private static <T> T get(EmbeddedPair pair, CompletableFuture<T> f) {
    pair.pump();
    assertTrue(f.isDone(), "answered");
    return f.join();
  }

  private static Throwable failure(EmbeddedPair pair, CompletableFuture<?> f) {
    pair.pump();
    assertTrue(f.isDone(), "answered");
    return assertThrows(CompletionException.class, f::join).getCause();
  }

  private static CompletableFuture<RemoteReference> login(EmbeddedPair pair, Credentials credentials, Object mind) {
    return pair.client.connection.login(credentials, mind);
  }

  @Test
  void theRightPasswordGivesTheAvatarWhoseLogoutRunsOnceOnTheLastDecref() {
    GoldenRealm realm = new GoldenRealm();
    try (EmbeddedPair pair = pair(new Portal(realm, users()))) {
      RemoteReference avatar = get(pair, login(pair, UsernamePassword.of("alice", "secret"), null));
      assertEquals(ByteString.ascii("alice"), get(pair, avatar.callRemote("whoami")));
      assertEquals(2, pair.server.connection.exportedObjectCount(), "root and avatar; the challenger was released");
      avatar.release();
      pair.pump();
      assertEquals(List.of(AvatarId.of("alice")), realm.loggedOut);
      assertEquals(1, pair.server.connection.exportedObjectCount());
      pair.client.connection.close();
      pair.pump();
      assertEquals(List.of(AvatarId.of("alice")), realm.loggedOut, "not again on disconnect");
    }
  }

  @Test
  void anAvatarStillHeldIsLoggedOutOnceWhenTheConnectionIsLost() {
    GoldenRealm realm = new GoldenRealm();
    try (EmbeddedPair pair = pair(new Portal(realm, users(), new AllowAnonymousAccess()))) {
      get(pair, login(pair, UsernamePassword.of("alice", "secret"), null));
      get(pair, login(pair, Anonymous.INSTANCE, null));
      assertTrue(realm.loggedOut.isEmpty());
      pair.client.connection.close();
      pair.pump();
      assertEquals(List.of(AvatarId.of("alice"), AvatarId.ANONYMOUS), realm.loggedOut);
    }
  }

  @Test
  void aWrongPasswordAndAnUnknownUserFailAlikeAsTwistedsUnauthorizedLogin() {
    GoldenRealm realm = new GoldenRealm();
    try (EmbeddedPair pair = pair(new Portal(realm, users()))) {
      RemotePbException wrong = assertInstanceOf(RemotePbException.class,
          failure(pair, login(pair, UsernamePassword.of("alice", "wrong"), null)));
      RemotePbException unknown = assertInstanceOf(RemotePbException.class,
          failure(pair, login(pair, UsernamePassword.of("bob", "secret"), null)));
      for (RemotePbException e : List.of(wrong, unknown)) {
        assertEquals("twisted.cred.error.UnauthorizedLogin", e.typeName());
        assertEquals("", e.value());
        assertEquals(UNAUTHORIZED_PARENTS, e.parents());
        assertTrue(e.check("twisted.cred.error.UnauthorizedLogin"));
      }
      assertTrue(realm.requests.isEmpty(), "the realm was never asked");
      assertTrue(pair.client.connection.isOpen(), "the connection stays open for another attempt");
      assertEquals(1, pair.server.connection.exportedObjectCount(), "both challengers were released");
      RemoteReference avatar = get(pair, login(pair, UsernamePassword.of("alice", "secret"), null));
      assertEquals(ByteString.ascii("alice"), get(pair, avatar.callRemote("whoami")));
    }
  }

  @Test
  void credentialsThePortalCannotCheckFailAsUnhandledCredentials() {
    GoldenRealm realm = new GoldenRealm();
    try (EmbeddedPair passwords = pair(new Portal(realm, users()));
        EmbeddedPair anonymous = pair(new Portal(realm, new AllowAnonymousAccess()))) {
      RemotePbException noAnonymous = assertInstanceOf(RemotePbException.class,
          failure(passwords, login(passwords, Anonymous.INSTANCE, null)));
      assertEquals("twisted.cred.error.UnhandledCredentials", noAnonymous.typeName());
      assertEquals("No checker for twisted.cred.credentials.IAnonymous", noAnonymous.value());
      assertTrue(noAnonymous.check("twisted.cred.error.LoginFailed"));
      RemotePbException noPasswords = assertInstanceOf(RemotePbException.class,
          failure(anonymous, login(anonymous, UsernamePassword.of("alice", "secret"), null)));
      assertEquals("No checker for twisted.cred.credentials.IUsernameHashedPassword, "
          + "twisted.spread.pb.IUsernameMD5Password", noPasswords.value());
      assertTrue(realm.requests.isEmpty());
    }
  }

  @Test
  void aRealmsRefusalReachesTheClientAsLoginDenied() {
    Realm realm = (Realm.Synchronous) (id, mind, interfaces) -> {
      throw new LoginDeniedException("closed for maintenance");
    };
    try (EmbeddedPair pair = pair(new Portal(realm, users()))) {
      RemotePbException e = assertInstanceOf(RemotePbException.class,
          failure(pair, login(pair, UsernamePassword.of("alice", "secret"), null)));
      assertEquals("twisted.cred.error.LoginDenied", e.typeName());
      assertEquals("closed for maintenance", e.value());
    }
  }

  @Test
  void anMd5PasswordDatabaseServesTheChallengeResponse() {
    MD5PasswordDatabase md5 = new MD5PasswordDatabase();
    md5.addUserDigest("alice".getBytes(StandardCharsets.UTF_8),
        PbChallenge.md5Password("secret".getBytes(StandardCharsets.UTF_8)));
    try (EmbeddedPair pair = pair(new Portal(new GoldenRealm(), md5))) {
      RemoteReference avatar = get(pair, login(pair, UsernamePassword.of("alice", "secret"), null));
      assertEquals(ByteString.ascii("alice"), get(pair, avatar.callRemote("whoami")));
      assertInstanceOf(RemotePbException.class,
          failure(pair, login(pair, UsernamePassword.of("alice", "wrong"), null)));
    }
  }

  @Test
  void usernamesReachCredAsTheBytesSent() {
    byte[] name = {(byte) 0xff, 0, 'x'};
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser(name, "pw".getBytes(StandardCharsets.UTF_8));
    try (EmbeddedPair pair = pair(new Portal(new GoldenRealm(), users))) {
      RemoteReference avatar = get(pair,
          login(pair, UsernamePassword.of(name, "pw".getBytes(StandardCharsets.UTF_8)), null));
      assertEquals(ByteString.of(name), get(pair, avatar.callRemote("whoami")));
    }
  }

  @Test
  void aStrUsernameIsEncodedAsUtf8AndAnythingElseCannotLogIn() {
    try (EmbeddedPair pair = pair(new Portal(new GoldenRealm(), users()))) {
      RemoteReference root = pair.root();
      for (Object username : new Object[] {"alice", 5L}) {
        Tuple answer = (Tuple) get(pair, root.callRemote("login", username));
        byte[] challenge = ((ByteString) answer.get(0)).toByteArray();
        RemoteReference challenger = (RemoteReference) answer.get(1);
        byte[] response = PbChallenge.of(challenge).respond("secret".getBytes(StandardCharsets.UTF_8));
        CompletableFuture<Object> avatar = challenger.callRemote("respond", response, null);
        if (username instanceof String) {
          RemoteReference a = assertInstanceOf(RemoteReference.class, get(pair, avatar));
          assertEquals(ByteString.ascii("alice"), get(pair, a.callRemote("whoami")));
        } else {
          RemotePbException e = assertInstanceOf(RemotePbException.class, failure(pair, avatar));
          assertTrue(e.check("twisted.cred.error.UnauthorizedLogin"));
        }
        challenger.release();
      }
    }
  }

  @Test
  void aResponseThatIsNotBytesFailsAndAChallengerAnswersAgainAsInTwisted() {
    GoldenRealm realm = new GoldenRealm();
    try (EmbeddedPair pair = pair(new Portal(realm, users()))) {
      RemoteReference root = pair.root();
      Tuple answer = (Tuple) get(pair, root.callRemote("login", (Object) "alice".getBytes(StandardCharsets.UTF_8)));
      Tuple again = (Tuple) get(pair, root.callRemote("login", (Object) "alice".getBytes(StandardCharsets.UTF_8)));
      assertNotEquals(answer.get(0), again.get(0), "a fresh challenge per login");
      ((RemoteReference) again.get(1)).release();
      assertEquals(16, ((ByteString) answer.get(0)).size());
      RemoteReference challenger = (RemoteReference) answer.get(1);
      assertInstanceOf(RemotePbException.class, failure(pair, challenger.callRemote("respond", "text", null)));
      byte[] response = PbChallenge.of(((ByteString) answer.get(0)).toByteArray())
          .respond("secret".getBytes(StandardCharsets.UTF_8));
      assertInstanceOf(RemoteReference.class, get(pair, challenger.callRemote("respond", response, null)));
      assertInstanceOf(RemoteReference.class, get(pair, challenger.callRemote("respond", response, null)));
      assertEquals(2, realm.requests.size());
      challenger.release();
    }
  }

  @Test
  void theMindReachesTheRealmAndTheAvatarCallsItBack() {
    GoldenRealm realm = new GoldenRealm();
    try (EmbeddedPair pair = pair(new Portal(realm, new AllowAnonymousAccess()))) {
      ClientMind mind = new ClientMind();
      RemoteReference avatar = get(pair, login(pair, Anonymous.INSTANCE, mind));
      assertEquals(Tuple.of(), get(pair, avatar.callRemote("whoami")), "checkers.ANONYMOUS is ()");
      assertEquals("noted: hi", get(pair, avatar.callRemote("tellMind", "hi")));
      assertEquals(List.of("hi"), mind.notes);
      RemoteReference view = (RemoteReference) get(pair, avatar.callRemote("getViewable"));
      assertEquals(List.of(Tuple.of(), 7L), get(pair, view.callRemote("whoSees", 7)), "the viewable sees the avatar");
      assertEquals(1, pair.client.connection.exportedObjectCount(), "the mind");
      view.release();
      avatar.release();
      pair.pump();
      assertEquals(List.of(AvatarId.ANONYMOUS), realm.loggedOut);
      assertEquals(0, pair.client.connection.exportedObjectCount(), "the realm's logout released the mind");
    }
  }

  /** One avatar shared by every login, counting its logouts. */
  public static final class SharedAvatar implements Perspective {
    final AtomicInteger logouts = new AtomicInteger();

    public String perspective_hello() {
      return "hello";
    }
  }

  @Test
  void oneAvatarLoggedInTwiceHasTwoReferencesAndTwoLogouts() {
    SharedAvatar shared = new SharedAvatar();
    Realm realm = (Realm.Synchronous) (id, mind, interfaces) ->
        LoginResult.of(Perspective.class, shared, shared.logouts::incrementAndGet);
    try (EmbeddedPair pair = pair(new Portal(realm, new AllowAnonymousAccess()))) {
      RemoteReference first = get(pair, login(pair, Anonymous.INSTANCE, null));
      RemoteReference second = get(pair, login(pair, Anonymous.INSTANCE, null));
      assertNotEquals(first.luid(), second.luid(), "one luid per login, as Twisted's AsReferenceable");
      first.release();
      pair.pump();
      assertEquals(1, shared.logouts.get());
      assertEquals("hello", get(pair, second.callRemote("hello")));
      second.release();
      pair.pump();
      assertEquals(2, shared.logouts.get());
    }
  }

  /** An avatar that is a Referenceable: sent as itself, answering remote_ methods. */
  public static final class ReferenceableAvatar implements Perspective, Referenceable {
    final List<String> events = new ArrayList<>();

    public String remote_kind() {
      return "remote";
    }

    public String perspective_kind() {
      return "perspective";
    }

    public ReferenceableAvatar remote_self() {
      return this;
    }
  }

  @Test
  void aReferenceableAvatarIsSentAsItselfAndLogsOutOnTheLastOfItsDecrefs() {
    ReferenceableAvatar avatar = new ReferenceableAvatar();
    Realm realm = (Realm.Synchronous) (id, mind, interfaces) ->
        LoginResult.of(Perspective.class, avatar, () -> avatar.events.add("logout"));
    try (EmbeddedPair pair = pair(new Portal(realm, new AllowAnonymousAccess()))) {
      RemoteReference ref = get(pair, login(pair, Anonymous.INSTANCE, null));
      assertEquals("remote", get(pair, ref.callRemote("kind")));
      RemoteReference again = (RemoteReference) get(pair, ref.callRemote("self"));
      assertEquals(ref.luid(), again.luid(), "the same object, counted twice");
      ref.release();
      pair.pump();
      assertEquals(List.of(), avatar.events, "the client still holds a reference");
      again.release();
      pair.pump();
      assertEquals(List.of("logout"), avatar.events);
    }
  }

  @Test
  void aLoginStillCheckedWhenTheConnectionIsLostLogsOutWhenTheRealmAnswers() {
    CompletableFuture<LoginResult<?>> later = new CompletableFuture<>();
    List<String> events = new ArrayList<>();
    Realm realm = (id, mind, interfaces) -> later;
    try (EmbeddedPair pair = pair(new Portal(realm, new AllowAnonymousAccess()))) {
      CompletableFuture<RemoteReference> avatar = login(pair, Anonymous.INSTANCE, null);
      pair.pump();
      assertFalse(avatar.isDone());
      pair.client.connection.close();
      pair.pump();
      later.complete(LoginResult.of(Perspective.class, new SharedAvatar(), () -> events.add("logout")));
      pair.pump();
      assertEquals(List.of("logout"), events, "nobody will use the avatar");
      assertInstanceOf(PbConnectionLostException.class, assertThrows(CompletionException.class, avatar::join).getCause());
    }
  }

  @Test
  void anAvatarThatCannotBeSentIsLoggedOutAndTheClientGetsTheError() {
    List<String> events = new ArrayList<>();
    Realm realm = (Realm.Synchronous) (id, mind, interfaces) ->
        LoginResult.of(Perspective.class, new SharedAvatar(), () -> events.add("logout"));
    PbServer.Builder full = PbServer.builder().maxBrokerRefs(1); // root and one more
    try (EmbeddedPair pair = new EmbeddedPair(PortalRoot.of(new Portal(realm, new AllowAnonymousAccess())),
        full, PbClient.builder())) {
      RemoteReference first = get(pair, login(pair, Anonymous.INSTANCE, null));
      RemotePbException e = assertInstanceOf(RemotePbException.class,
          failure(pair, login(pair, Anonymous.INSTANCE, null)));
      assertEquals("Maximum PB reference count exceeded.", e.value());
      assertEquals(List.of("logout"), events, "the refused login logged out at once");
      first.release();
      pair.pump();
      assertEquals(List.of("logout", "logout"), events);
    }
  }

  @Test
  void theClientRefusesCredentialsPbCannotCarry() {
    try (EmbeddedPair pair = pair(new Portal(new GoldenRealm(), users()))) {
      Credentials other = new Credentials() {};
      Throwable e = failure(pair, login(pair, other, null));
      assertInstanceOf(IllegalArgumentException.class, e);
      pair.client.assertNothingWritten("nothing sent");
    }
  }
}
