package dev.spindle.interop.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.cred.Anonymous;
import dev.spindle.cred.Credentials;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbConnection;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.testing.LeakChecked;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Java PB client ({@link PbConnection#login}, {@link PbClient#login}) against a real Twisted 22.4
 * {@code PBServerFactory(Portal(realm, [InMemoryUsernamePasswordDatabaseDontUse(...),
 * AllowAnonymousAccess()]))} ({@code pb_login_peer.py server}), over 127.0.0.1.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaPbLoginClientTwistedServerTest {
  private static TwistedPeer twisted;
  private static PbClient client;

  @BeforeAll
  static void start() throws Exception {
    twisted = TwistedPeer.startServer("pb_login_peer.py");
    client = PbClient.builder().build();
  }

  @AfterAll
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (twisted != null) {
      twisted.close();
    }
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  private static RemotePbException refused(CompletableFuture<?> f) {
    Throwable t = assertThrows(ExecutionException.class, () -> await(f)).getCause();
    return assertInstanceOf(RemotePbException.class, t);
  }

  private static CompletableFuture<RemoteReference> login(PbConnection c, Credentials credentials) {
    return c.login(credentials, null);
  }

  @Test
  void theRightPasswordGivesTheAvatarWhichCallsTheMindBack() throws Exception {
    LoginPeer.Mind mind = new LoginPeer.Mind();
    RemoteReference avatar = await(client.login("127.0.0.1", twisted.port(),
        UsernamePassword.of("alice", "secret"), mind));
    try {
      assertEquals(ByteString.ascii("alice"), await(avatar.callRemote("whoami")));
      assertEquals("noted: hi", await(avatar.callRemote("tellMind", "hi")));
      assertEquals(List.of("hi"), mind.notes);
      RemoteReference view = (RemoteReference) await(avatar.callRemote("getViewable"));
      assertEquals(List.of(ByteString.ascii("alice"), 7L), await(view.callRemote("whoSees", 7)));
      view.release();
    } finally {
      avatar.connection().close();
    }
  }

  @Test
  void aWrongPasswordAndAnUnknownUserAreUnauthorizedLoginsAlike() throws Exception {
    PbConnection c = await(client.connect("127.0.0.1", twisted.port()));
    try {
      RemotePbException wrong = refused(login(c, UsernamePassword.of("alice", "wrong")));
      RemotePbException unknown = refused(login(c, UsernamePassword.of("bob", "secret")));
      for (RemotePbException e : List.of(wrong, unknown)) {
        assertTrue(e.check("twisted.cred.error.UnauthorizedLogin"), e.parents().toString());
        assertEquals("twisted.cred.error.UnauthorizedLogin", e.typeName());
        assertEquals("", e.value());
      }
      assertEquals(wrong.parents(), unknown.parents());
      assertTrue(c.isOpen(), "the connection stays open");
      RemoteReference avatar = await(login(c, UsernamePassword.of("alice", "secret")));
      assertEquals(ByteString.ascii("alice"), await(avatar.callRemote("whoami")));
    } finally {
      c.close();
    }
  }

  @Test
  void anonymousLoginGivesTheAnonymousAvatar() throws Exception {
    RemoteReference avatar = await(client.login("127.0.0.1", twisted.port(), Anonymous.INSTANCE, null));
    try {
      assertEquals(Tuple.of(), await(avatar.callRemote("whoami")), "checkers.ANONYMOUS is ()");
    } finally {
      avatar.connection().close();
    }
  }

  @Test
  void anonymousLoginWithoutAnAnonymousCheckerIsUnhandledCredentials() throws Exception {
    try (TwistedPeer strict = TwistedPeer.startServer("pb_login_peer.py", "noanonymous")) {
      PbConnection c = await(client.connect("127.0.0.1", strict.port()));
      try {
        RemotePbException e = refused(login(c, Anonymous.INSTANCE));
        assertEquals("twisted.cred.error.UnhandledCredentials", e.typeName());
        assertEquals("No checker for twisted.cred.credentials.IAnonymous", e.value());
        assertTrue(e.check("twisted.cred.error.LoginFailed"));
      } finally {
        c.close();
      }
    }
  }

  @Test
  void theTwistedRealmLogsOutOnReleaseAndOnDisconnect() throws Exception {
    PbConnection c = await(client.connect("127.0.0.1", twisted.port()));
    try {
      RemoteReference erin = await(login(c, UsernamePassword.of("erin", "pw"))); // no other test uses erin

      LoginPeer.Mind mind = new LoginPeer.Mind();
      RemoteReference carol = await(c.login(UsernamePassword.of("carol", "fido"), mind));
      assertEquals(1, c.exportedObjectCount(), "the mind");
      assertEquals(0L, await(erin.callRemote("logouts", ByteString.ascii("carol"))));
      carol.release();
      assertEquals(1L, await(erin.callRemote("waitForLogouts", ByteString.ascii("carol"), 1)));
      assertEquals(0, c.exportedObjectCount(), "the Twisted avatar dropped the mind at logout");

      PbConnection other = await(client.connect("127.0.0.1", twisted.port()));
      RemoteReference dave = await(login(other, UsernamePassword.of("dave", "1234")));
      assertFalse(dave.luid() instanceof String);
      await(other.close().toCompletableFuture());
      assertEquals(1L, await(erin.callRemote("waitForLogouts", ByteString.ascii("dave"), 1)));
      assertEquals(0L, await(erin.callRemote("logouts", ByteString.ascii("erin"))), "erin is held");
    } finally {
      c.close();
    }
  }
}
