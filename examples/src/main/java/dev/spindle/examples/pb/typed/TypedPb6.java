package dev.spindle.examples.pb.typed;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.login.Perspective;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cred howto's {@code pb6server.py} and {@code pb6client1.py}/{@code pb6client2.py} (and so
 * {@code pb5}) with a remote interface: each user logs in to an avatar of their own, a {@link
 * Fooable} handed out as {@code Fooable_PbSkeleton.avatar} (called as {@code perspective_foo}).
 * Usage: {@code TypedPb6 server [port]} or {@code TypedPb6 client [host] [port]} (default
 * 127.0.0.1 8800; the client logs in as user1 and calls foo(13)).
 */
public final class TypedPb6 {
  private TypedPb6() {}

  /** The avatar: prints its name and the argument. */
  static final class MyPerspective implements Fooable {
    private final String name;
    private final PrintStream out;

    MyPerspective(String name, PrintStream out) {
      this.name = name;
      this.out = out;
    }

    @Override
    public CompletableFuture<Void> foo(Object arg) {
      out.println("I am " + name + " perspective_foo( " + arg + " ) called on " + this);
      return CompletableFuture.completedFuture(null);
    }

    /** {@code <MyPerspective name>}: Python's repr of the avatar, without its address. */
    @Override
    public String toString() {
      return "<MyPerspective " + name + ">";
    }
  }

  /**
   * Starts the server on 127.0.0.1:{@code port} (0: any free port) for user1/pass1 and
   * user2/pass2; its avatars print to {@code out}.
   */
  public static PbServer start(int port, PrintStream out) {
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("user1", "pass1");
    users.addUser("user2", "pass2");
    Realm realm = new Realm.Synchronous() {
      @Override
      public LoginResult<?> requestAvatarNow(AvatarId id, Object mind, List<Class<?>> interfaces) {
        if (!interfaces.contains(Perspective.class)) {
          throw new UnsupportedOperationException("interfaces: " + interfaces);
        }
        return LoginResult.of(Perspective.class,
            Fooable_PbSkeleton.avatar(new MyPerspective(id.usernameAsString(), out)), () -> {});
      }
    };
    return PbServer.builder().bind("127.0.0.1", port).portal(new Portal(realm, users)).start();
  }

  /**
   * Logs in as {@code username} and calls {@code foo(arg)} on the avatar, printing as {@code
   * pb6client<n>.py} does with {@code label} ("perspective1").
   */
  public static void run(String host, int port, String username, String password, String label,
      long arg, PrintStream out) throws Exception {
    try (PbClient client = PbClient.builder().build()) {
      client.login(host, port, UsernamePassword.of(username, password), null)
          .thenCompose(perspective -> {
            Fooable avatar = Fooable_PbStub.of(perspective);
            out.println("got " + label + " ref: " + TypedPb2.name(avatar));
            out.println("asking it to foo(" + arg + ")");
            return avatar.foo(arg);
          })
          .get(30, TimeUnit.SECONDS);
    }
  }

  public static void main(String[] args) throws Exception {
    boolean server = args.length > 0 && args[0].equals("server");
    String host = !server && args.length > 1 ? args[1] : "127.0.0.1";
    int port = args.length > (server ? 1 : 2) ? Integer.parseInt(args[server ? 1 : 2]) : 8800;
    if (server) {
      PbServer s = start(port, System.out);
      System.out.println("pb6server serving PB login on " + s.address());
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    } else {
      run(host, port, "user1", "pass1", "perspective1", 13, System.out);
    }
  }
}
