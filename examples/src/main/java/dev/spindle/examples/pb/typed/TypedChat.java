package dev.spindle.examples.pb.typed;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.flavors.Skeleton;
import dev.spindle.pb.login.Perspective;
import dev.spindle.pb.typed.PbStub;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The cred howto's {@code chatserver.py} and {@code chatclient.py} with remote interfaces: the
 * avatar is a {@link ChatUser}, its group a {@link ChatGroup} sent as a View (the caller's
 * perspective is the sender), and the client's mind a {@link ChatMind}. Usage: {@code TypedChat
 * server [port]} or {@code TypedChat client [host] [port]} (default 127.0.0.1 8800; alice/1234).
 */
public final class TypedChat {
  /** The group the howto's client joins. */
  public static final String GROUP = "#NeedAFourth";

  private final Map<String, Group> groups = new ConcurrentHashMap<>(); // indexed by name

  private TypedChat() {}

  private Group joinGroup(String groupname, User user, boolean allowMattress) {
    Group group = groups.computeIfAbsent(groupname, name -> new Group(allowMattress));
    group.users.add(user);
    return group;
  }

  /** The avatar of one login. */
  static final class User implements ChatUser {
    private final String name;
    private final TypedChat server;
    private volatile ChatMind remote;

    User(String name, TypedChat server, ChatMind mind) {
      this.name = name;
      this.server = server;
      this.remote = mind;
    }

    @Override
    public CompletableFuture<Object> joinGroup(String groupname, boolean allowMattress) {
      return CompletableFuture.completedFuture(server.joinGroup(groupname, this, allowMattress).view);
    }

    void send(String message) {
      ChatMind r = remote;
      if (r != null) {
        r.print(message); // as the howto, the answer is not waited for
      }
    }

    void detached() {
      ChatMind r = remote;
      remote = null;
      if (r instanceof PbStub stub) {
        stub.reference().release(); // Python drops the reference; Java says so
      }
    }
  }

  /** A group; members reach it through {@link #view}, their perspective naming the sender. */
  static final class Group {
    private final boolean allowMattress;
    private final List<User> users = new CopyOnWriteArrayList<>();
    final Object view = ChatGroup_PbSkeleton.view(perspective -> message -> {
      send((User) ((Skeleton) perspective).target(), message);
      return CompletableFuture.completedFuture(null);
    });

    Group(boolean allowMattress) {
      this.allowMattress = allowMattress;
    }

    /**
     * @throws IllegalArgumentException ("Don't say that word", Python's {@code ValueError}) if
     *     the group was opened without {@code allowMattress} and the message says "mattress"
     */
    void send(User from, String message) {
      if (!allowMattress && message.contains("mattress")) {
        throw new IllegalArgumentException("Don't say that word");
      }
      for (User user : users) {
        user.send("<" + from.name + "> says: " + message);
      }
    }
  }

  /** Starts a chat server on 127.0.0.1:{@code port} (0: any free port). */
  public static PbServer start(int port) {
    TypedChat server = new TypedChat();
    Realm realm = new Realm.Synchronous() {
      @Override
      public LoginResult<?> requestAvatarNow(AvatarId id, Object mind, List<Class<?>> interfaces) {
        if (!interfaces.contains(Perspective.class)) {
          throw new UnsupportedOperationException("interfaces: " + interfaces);
        }
        ChatMind remote = mind == null ? null : ChatMind_PbStub.of((RemoteReference) mind);
        User avatar = new User(id.usernameAsString(), server, remote);
        return LoginResult.of(Perspective.class, ChatUser_PbSkeleton.avatar(avatar),
            avatar::detached);
      }
    };
    InMemoryUsernamePasswordDatabase checker = new InMemoryUsernamePasswordDatabase();
    checker.addUser("alice", "1234");
    checker.addUser("bob", "secret");
    checker.addUser("carol", "fido");
    return PbServer.builder().bind("127.0.0.1", port).portal(new Portal(realm, checker)).start();
  }

  /**
   * Logs in with a {@link ChatMind}, joins {@link #GROUP} and says {@code message}; returns once
   * the message was answered and heard back, printing to {@code out}.
   */
  public static void run(String host, int port, String username, String password, String message,
      PrintStream out) throws Exception {
    CompletableFuture<Void> heard = new CompletableFuture<>();
    ChatMind mind = m -> {
      out.println(m);
      heard.complete(null);
      return CompletableFuture.completedFuture(null);
    };
    try (PbClient client = PbClient.builder().build()) {
      RemoteReference perspective = client.login(host, port,
          UsernamePassword.of(username, password), ChatMind_PbSkeleton.of(mind))
          .get(30, TimeUnit.SECONDS); // kept until the end: dropping it would log out
      out.println("connected, joining group " + GROUP);
      ChatUser user = ChatUser_PbStub.of(perspective);
      user.joinGroup(GROUP, true)
          .thenCompose(group -> {
            out.println("joined group, now sending a message to all members");
            return ChatGroup_PbStub.of((RemoteReference) group).send(message);
          })
          .thenCombine(heard, (sent, printed) -> sent)
          .get(30, TimeUnit.SECONDS);
      perspective.release();
    }
  }

  public static void main(String[] args) throws Exception {
    boolean server = args.length > 0 && args[0].equals("server");
    String host = !server && args.length > 1 ? args[1] : "127.0.0.1";
    int port = args.length > (server ? 1 : 2) ? Integer.parseInt(args[server ? 1 : 2]) : 8800;
    if (server) {
      PbServer s = start(port);
      System.out.println("chatserver serving PB login on " + s.address());
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    } else {
      run(host, port, "alice", "1234", "You can call me Al.", System.out);
    }
  }
}
