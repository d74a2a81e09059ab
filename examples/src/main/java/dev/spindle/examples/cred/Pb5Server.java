package dev.spindle.examples.cred;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.login.Perspective;
import java.io.PrintStream;
import java.util.List;

/**
 * The cred howto's {@code pb5server.py}: a PB server whose portal lets {@code user1} (password
 * {@code pass1}) log in to a {@link MyPerspective}, which prints who it is when its {@code
 * perspective_foo} is called. Usage: {@code Pb5Server [port]} (default 8800, on 127.0.0.1).
 */
public final class Pb5Server {
  private Pb5Server() {}

  /**
   * The avatar, one per login: Twisted's {@code class MyPerspective(pb.Avatar)}. Its {@code
   * perspective_foo} runs on the connection's event loop.
   */
  public static final class MyPerspective implements Perspective {
    private final String name;
    private final PrintStream out;

    MyPerspective(String name, PrintStream out) {
      this.name = name;
      this.out = out;
    }

    /** {@code perspective.callRemote("foo", arg)}: prints this avatar's name and {@code arg}. */
    public void perspective_foo(Object arg) {
      out.println("I am " + name + " perspective_foo( " + arg + " ) called on " + this);
    }

    /** {@code <MyPerspective name>}: Python's repr of the avatar, without its address. */
    @Override
    public String toString() {
      return "<MyPerspective " + name + ">";
    }
  }

  /**
   * The realm: Twisted's {@code class MyRealm}, which names a new {@link MyPerspective} after
   * each avatar id and has nothing to do at logout. Thread-safe.
   */
  public static final class MyRealm implements Realm.Synchronous {
    private final PrintStream out;

    /** A realm whose avatars print to {@code out}. */
    public MyRealm(PrintStream out) {
      this.out = out;
    }

    @Override
    public LoginResult<?> requestAvatarNow(AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
      if (!interfaces.contains(Perspective.class)) {
        throw new UnsupportedOperationException("interfaces: " + interfaces + " (expected: Perspective)");
      }
      return LoginResult.of(Perspective.class, new MyPerspective(avatarId.usernameAsString(), out), () -> {});
    }
  }

  /**
   * Starts the server on 127.0.0.1:{@code port} (0: any free port); its avatars print to {@code
   * out}.
   */
  public static PbServer start(int port, PrintStream out) {
    InMemoryUsernamePasswordDatabase checker = new InMemoryUsernamePasswordDatabase();
    checker.addUser("user1", "pass1");
    Portal p = new Portal(new MyRealm(out), checker);
    return PbServer.builder().bind("127.0.0.1", port).portal(p).start();
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port, System.out);
    System.out.println("pb5server serving PB login on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
