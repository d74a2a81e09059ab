package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.broker.Broker;
import dev.spindle.pb.broker.Kind;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.flavors.Viewable;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.pb.jelly.Jellyable;
import dev.spindle.testing.LeakChecked;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * The broker's hooks for PB login, exercised directly (the login layer, {@code
 * dev.spindle.pb.login.PortalRoot}, is tested in {@link PortalLoginTest}): an
 * avatar is exported as {@link Kind#PERSPECTIVE} (Twisted's {@code AsReferenceable(avatar,
 * "perspective")}), its {@code perspective_} methods are callable, Viewables it returns are seen
 * by it, and its logout runs on the last decref or when the connection is lost.
 */
@LeakChecked
class AvatarHookTest {
  /** {@code goldens.GoldenViewable}. */
  public static final class GoldenViewable implements Viewable {
    public List<Object> view_whoSees(Avatar perspective, long arg) {
      return List.of(perspective.avatarId, arg);
    }
  }

  /** {@code goldens.GoldenAvatar}, without its mind. */
  public static final class Avatar {
    final ByteString avatarId;
    final GoldenViewable viewable = new GoldenViewable();

    Avatar(ByteString avatarId) {
      this.avatarId = avatarId;
    }

    public ByteString perspective_whoami() {
      return avatarId;
    }

    public GoldenViewable perspective_getViewable() {
      return viewable;
    }
  }

  /** What the login layer will send for an avatar. */
  static final class AvatarReference implements Jellyable {
    final Avatar avatar;
    final Runnable logout;

    AvatarReference(Avatar avatar, Runnable logout) {
      this.avatar = avatar;
      this.logout = logout;
    }

    @Override
    public Sexp jellyFor(Jellier jellier) {
      return ((Broker) jellier.invoker()).jellyExported(avatar, Kind.PERSPECTIVE, avatar, logout);
    }

    @Override
    public boolean tracksIdentity(Jellier jellier) {
      return false;
    }
  }

  /** A root that "logs in" anyone. */
  public static final class LoginRoot implements Root {
    final List<String> loggedOut = new ArrayList<>();

    public Object remote_login(ByteString name) {
      Avatar avatar = new Avatar(name);
      return new AvatarReference(avatar, () -> loggedOut.add(name.utf8()));
    }
  }

  private static Object call(EmbeddedPair pair, CompletableFuture<?> f) {
    pair.pump();
    return f.join();
  }

  @Test
  void avatarsAnswerPerspectiveMethodsAndLogOutOnTheLastDecref() {
    LoginRoot root = new LoginRoot();
    try (EmbeddedPair pair = new EmbeddedPair(root)) {
      RemoteReference avatar = (RemoteReference) call(pair, pair.root().callRemote("login", (Object) "alice".getBytes()));
      assertEquals(ByteString.ascii("alice"), call(pair, avatar.callRemote("whoami")));
      RemoteReference view = (RemoteReference) call(pair, avatar.callRemote("getViewable"));
      assertEquals(List.of(ByteString.ascii("alice"), 1L), call(pair, view.callRemote("whoSees", 1)),
          "as in session cred-login: view_whoSees receives the avatar first");
      CompletionException e = assertThrows(CompletionException.class,
          () -> call(pair, avatar.callRemote("login", (Object) "x".getBytes())));
      assertEquals("No such method: perspective_login", assertInstanceOf(RemotePbException.class, e.getCause()).value());
      view.release();
      avatar.release();
      pair.pump();
      assertEquals(List.of("alice"), root.loggedOut);
    }
  }

  @Test
  void avatarsLogOutWhenTheConnectionIsLost() {
    LoginRoot root = new LoginRoot();
    try (EmbeddedPair pair = new EmbeddedPair(root)) {
      call(pair, pair.root().callRemote("login", (Object) "bob".getBytes()));
      assertTrue(root.loggedOut.isEmpty());
      pair.client.connection.close();
      pair.pump();
      assertEquals(List.of("bob"), root.loggedOut);
    }
  }
}
