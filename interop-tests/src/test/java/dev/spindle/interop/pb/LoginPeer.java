package dev.spindle.interop.pb;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Realm;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.flavors.Viewable;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.pb.flavors.PeerConnection;
import dev.spindle.pb.login.Perspective;
import dev.spindle.pb.login.PortalLogin;
import dev.spindle.pb.login.PortalRoot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The Java twin of {@code pb_login_peer.py}'s realm, avatar, viewable and mind: the same users and
 * perspective methods, so either side's client can run the same checks.
 */
final class LoginPeer {
  /** The users of both sides' portals, as {@code USERS} in the script. */
  static final Map<String, String> USERS = users("alice", "secret", "carol", "fido", "dave", "1234", "erin", "pw");

  private LoginPeer() {}

  private static Map<String, String> users(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static InMemoryUsernamePasswordDatabase checker() {
    InMemoryUsernamePasswordDatabase db = new InMemoryUsernamePasswordDatabase();
    USERS.forEach(db::addUser);
    return db;
  }

  /**
   * The root of the Java server: Twisted's login methods plus one of its own, which a client can
   * call before logging in (a composed {@code PortalLogin}).
   */
  public static final class PeerRoot extends PortalLogin {
    public PeerRoot(PortalRoot root, PeerConnection connection) {
      super(root, connection);
    }

    public String remote_serverInfo() {
      // PeerConnection counts exports itself: no cast to PbConnection.
      return "spindle login root; exports: " + connection().exportedObjectCount();
    }
  }

  /** Twisted's value of an avatar id: the username bytes, or {@code ()}. */
  static Object pythonValue(AvatarId id) {
    return id.isAnonymous() ? Tuple.of() : ByteString.of(id.username());
  }

  /** {@code PeerViewable}. */
  public static final class PeerViewable implements Viewable {
    public List<Object> view_whoSees(PeerAvatar perspective, Object arg) {
      return Arrays.asList(pythonValue(perspective.avatarId), arg);
    }
  }

  /** {@code PeerAvatar}. */
  public static final class PeerAvatar implements Perspective {
    final AvatarId avatarId;
    final PeerRealm realm;
    final PeerViewable viewable = new PeerViewable();
    volatile RemoteReference mind;

    PeerAvatar(AvatarId avatarId, RemoteReference mind, PeerRealm realm) {
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

    public PeerViewable perspective_getViewable() {
      return viewable;
    }

    public long perspective_logouts(ByteString name) {
      return realm.count(id(name));
    }

    public CompletableFuture<Long> perspective_waitForLogouts(ByteString name, long n) {
      return realm.waitFor(id(name), n);
    }

    private static AvatarId id(ByteString name) {
      return name == null ? AvatarId.ANONYMOUS : AvatarId.of(name.toByteArray());
    }

    void logout() {
      realm.loggedOut(avatarId);
      RemoteReference m = mind;
      mind = null;
      if (m != null) {
        m.release();
      }
    }
  }

  /** {@code PeerRealm}: a new avatar per login; counts logouts per avatar id. Thread-safe. */
  static final class PeerRealm implements Realm.Synchronous {
    private final Map<AvatarId, Long> logouts = new HashMap<>();
    private final List<Waiter> waiting = new ArrayList<>();

    private record Waiter(AvatarId id, long n, CompletableFuture<Long> done) {}

    @Override
    public LoginResult<?> requestAvatarNow(AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
      PeerAvatar avatar = new PeerAvatar(avatarId, (RemoteReference) mind, this);
      return LoginResult.of(Perspective.class, avatar, avatar::logout);
    }

    synchronized long count(AvatarId id) {
      return logouts.getOrDefault(id, 0L);
    }

    void loggedOut(AvatarId id) {
      List<Waiter> ready = new ArrayList<>();
      long count;
      synchronized (this) {
        count = logouts.merge(id, 1L, Long::sum);
        for (Iterator<Waiter> it = waiting.iterator(); it.hasNext(); ) {
          Waiter w = it.next();
          if (w.id.equals(id) && count >= w.n) {
            ready.add(w);
            it.remove();
          }
        }
      }
      for (Waiter w : ready) {
        w.done.complete(count);
      }
    }

    /** The count of {@code id}'s logouts once it reaches {@code n}, or after 10 s. */
    CompletableFuture<Long> waitFor(AvatarId id, long n) {
      CompletableFuture<Long> done = new CompletableFuture<>();
      synchronized (this) {
        long count = logouts.getOrDefault(id, 0L);
        if (count >= n) {
          return CompletableFuture.completedFuture(count);
        }
        waiting.add(new Waiter(id, n, done));
      }
      return done.orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> {
        synchronized (this) {
          waiting.removeIf(w -> w.done == done);
        }
        return count(id);
      });
    }
  }

  /** The client's mind: {@code Mind}. */
  public static final class Mind implements Referenceable {
    final List<String> notes = new CopyOnWriteArrayList<>();

    public String remote_notify(String text) {
      notes.add(text);
      return "noted: " + text;
    }
  }
}
