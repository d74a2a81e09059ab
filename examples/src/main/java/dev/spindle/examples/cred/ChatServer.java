package dev.spindle.examples.cred;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.flavors.Keywords;
import dev.spindle.pb.flavors.Viewable;
import dev.spindle.pb.login.Perspective;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The cred howto's {@code chatserver.py}: a chat server with a fixed set of identities ({@code
 * alice}/{@code 1234}, {@code bob}/{@code secret}, {@code carol}/{@code fido}). Each login gets a
 * {@link User} avatar holding the client's mind; {@code perspective_joinGroup} returns a {@link
 * Group}, a {@link Viewable}, so {@code group.callRemote("send", message)} reaches {@link
 * Group#view_send} with the caller's own {@code User}: nobody can speak as someone else.
 *
 * <p>An instance is the howto's {@code ChatServer}, the service the avatars share: it has no
 * remote access at all. Thread-safe. Usage: {@code ChatServer [port]} (default 8800, on
 * 127.0.0.1).
 */
public final class ChatServer {
  private final Map<String, Group> groups = new ConcurrentHashMap<>(); // indexed by name

  /** A chat service without groups yet. */
  public ChatServer() {}

  /**
   * Adds {@code user} to the group named {@code groupname}, creating it (with {@code
   * allowMattress}) if it does not exist, and returns it.
   */
  public Group joinGroup(String groupname, User user, boolean allowMattress) {
    Group group = groups.computeIfAbsent(groupname, name -> new Group(name, allowMattress));
    group.addUser(user);
    return group;
  }

  /**
   * The realm: Twisted's {@code ChatRealm}. Makes a new {@link User} per login, attached to the
   * client's mind, and detaches it at logout. Thread-safe.
   */
  public static final class ChatRealm implements Realm.Synchronous {
    private final ChatServer server;

    /** A realm whose users share {@code server}. */
    public ChatRealm(ChatServer server) {
      this.server = server;
    }

    @Override
    public LoginResult<?> requestAvatarNow(AvatarId avatarID, Object mind, List<Class<?>> interfaces) {
      if (!interfaces.contains(Perspective.class)) {
        throw new UnsupportedOperationException("interfaces: " + interfaces + " (expected: Perspective)");
      }
      RemoteReference remote = (RemoteReference) mind;
      User avatar = new User(avatarID.usernameAsString(), server);
      avatar.attached(remote);
      return LoginResult.of(Perspective.class, avatar, () -> avatar.detached(remote));
    }
  }

  /**
   * A user's avatar: Twisted's {@code User(pb.Avatar)}. Holds the client's mind, on which {@link
   * #send} calls {@code remote_print}. Thread-safe.
   */
  public static final class User implements Perspective {
    private final String name;
    private final ChatServer server;
    private volatile RemoteReference remote;

    User(String name, ChatServer server) {
      this.name = name;
      this.server = server;
    }

    /** The username. */
    public String name() {
      return name;
    }

    void attached(RemoteReference mind) {
      this.remote = mind;
    }

    void detached(RemoteReference mind) {
      this.remote = null;
      if (mind != null) {
        mind.release(); // Python drops the reference; Java says so
      }
    }

    /**
     * {@code callRemote("joinGroup", groupname)} or {@code callRemote("joinGroup", groupname,
     * allowMattress=False)}: joins the group and returns it. Java has no default arguments, so
     * {@code allowMattress} (default true) is taken as a keyword only.
     *
     * @throws IllegalArgumentException for another keyword, or an {@code allowMattress} that is
     *     not a bool
     */
    public Group perspective_joinGroup(String groupname, @Keywords Map<String, Object> options) {
      Object allowMattress = options.getOrDefault("allowMattress", Boolean.TRUE);
      if (!Set.of("allowMattress").containsAll(options.keySet()) || !(allowMattress instanceof Boolean)) {
        throw new IllegalArgumentException("joinGroup keywords: " + options
            + " (expected: none, or allowMattress=True or False)");
      }
      return server.joinGroup(groupname, this, (Boolean) allowMattress);
    }

    /**
     * Prints {@code message} on the user's console: {@code mind.callRemote("print", message)}.
     * Does nothing once the user has logged out (the howto fails then, with an {@code
     * AttributeError} on {@code None}, and every later message to the group fails with it).
     */
    public void send(String message) {
      RemoteReference r = remote;
      if (r != null) {
        r.callRemote("print", message);
      }
    }

    @Override
    public String toString() {
      return "User[" + name + "]";
    }
  }

  /**
   * A chat group: Twisted's {@code Group(pb.Viewable)}. Clients get it through {@link
   * User#perspective_joinGroup}; their {@code send} calls arrive at {@link #view_send} with the
   * {@link User} they logged in as. Thread-safe.
   */
  public static final class Group implements Viewable {
    private final String name;
    private final boolean allowMattress;
    private final List<User> users = new CopyOnWriteArrayList<>();

    Group(String groupname, boolean allowMattress) {
      this.name = groupname;
      this.allowMattress = allowMattress;
    }

    /** The group's name. */
    public String name() {
      return name;
    }

    void addUser(User user) {
      users.add(user);
    }

    /**
     * {@code group.callRemote("send", message)}: sends {@code "<from> says: message"} to every
     * member. {@code fromUser} is the sender's avatar, supplied by PB, never by the client.
     *
     * @throws IllegalArgumentException ("Don't say that word", Python's {@code ValueError}) if
     *     the group was created without {@code allowMattress} and the message says "mattress"
     */
    public void view_send(User fromUser, String message) {
      if (!allowMattress && message.contains("mattress")) {
        throw new IllegalArgumentException("Don't say that word");
      }
      for (User user : users) {
        user.send("<" + fromUser.name + "> says: " + message);
      }
    }

    @Override
    public String toString() {
      return "Group[" + name + "]";
    }
  }

  /** Starts a chat server on 127.0.0.1:{@code port} (0: any free port). */
  public static PbServer start(int port) {
    ChatRealm realm = new ChatRealm(new ChatServer());
    InMemoryUsernamePasswordDatabase checker = new InMemoryUsernamePasswordDatabase();
    checker.addUser("alice", "1234");
    checker.addUser("bob", "secret");
    checker.addUser("carol", "fido");
    Portal p = new Portal(realm, checker);
    return PbServer.builder().bind("127.0.0.1", port).portal(p).start();
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port);
    System.out.println("chatserver serving PB login on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
