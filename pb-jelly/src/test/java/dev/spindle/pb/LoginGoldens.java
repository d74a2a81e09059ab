package dev.spindle.pb;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Realm;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.flavors.Viewable;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.pb.login.Perspective;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Java twins of the login classes of {@code shared/vectors/generate.py} ({@code GoldenRealm},
 * {@code GoldenAvatar}, {@code GoldenViewable}, {@code ClientMind}), written as a Java user would.
 */
final class LoginGoldens {
  private LoginGoldens() {}

  /** Twisted's value of an avatar id: the username bytes, or {@code ()} for ANONYMOUS. */
  static Object pythonValue(AvatarId id) {
    return id.isAnonymous() ? Tuple.of() : ByteString.of(id.username());
  }

  /** {@code goldens.GoldenViewable}. */
  public static final class GoldenViewable implements Viewable {
    public List<Object> view_whoSees(GoldenAvatar perspective, Object arg) {
      return Arrays.asList(pythonValue(perspective.avatarId), arg);
    }
  }

  /** {@code goldens.GoldenAvatar(pb.Avatar)}. */
  public static final class GoldenAvatar implements Perspective {
    final AvatarId avatarId;
    final GoldenRealm realm;
    final GoldenViewable viewable = new GoldenViewable();
    volatile RemoteReference mind;

    GoldenAvatar(AvatarId avatarId, RemoteReference mind, GoldenRealm realm) {
      this.avatarId = avatarId;
      this.mind = mind;
      this.realm = realm;
    }

    public Object perspective_whoami() {
      return pythonValue(avatarId);
    }

    public CompletableFuture<Object> perspective_tellMind(String text) {
      return mind.callRemote("notify", text);
    }

    public GoldenViewable perspective_getViewable() {
      return viewable;
    }

    /** Records the logout and drops the mind, whose reference Python's collector then releases. */
    void logout() {
      realm.loggedOut.add(avatarId);
      RemoteReference m = mind;
      mind = null;
      if (m != null) {
        m.release();
      }
    }
  }

  /** {@code goldens.GoldenRealm}: a new avatar per login; records requests and logouts. */
  static final class GoldenRealm implements Realm.Synchronous {
    final List<AvatarId> loggedOut = new CopyOnWriteArrayList<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<GoldenAvatar> avatars = new CopyOnWriteArrayList<>();

    @Override
    public LoginResult<?> requestAvatarNow(AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
      List<String> names = new ArrayList<>();
      for (Class<?> i : interfaces) {
        names.add(i.getName());
      }
      requests.add(avatarId + " " + names + " mind=" + (mind != null));
      GoldenAvatar avatar = new GoldenAvatar(avatarId, (RemoteReference) mind, this);
      avatars.add(avatar);
      return LoginResult.of(Perspective.class, avatar, avatar::logout);
    }
  }

  /** {@code goldens.ClientMind(pb.Referenceable)}. */
  public static final class ClientMind implements Referenceable {
    final List<String> notes = new CopyOnWriteArrayList<>();

    public String remote_notify(String text) {
      notes.add(text);
      return "noted: " + text;
    }
  }
}
