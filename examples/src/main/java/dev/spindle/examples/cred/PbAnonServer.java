package dev.spindle.examples.cred;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.checkers.AllowAnonymousAccess;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.login.Perspective;
import java.io.PrintStream;
import java.util.List;

/**
 * The cred howto's {@code pbAnonServer.py}: a PB service which allows both anonymous and
 * username/password based access. A username/password login ({@code user1}/{@code pass1} or
 * {@code user2}/{@code pass2}) gets a {@link MyPerspective} named after the username; an
 * anonymous login gets one named {@code "Anonymous"}. The howto also logs Twisted's own events
 * to stdout ({@code startLogging(stdout)}); this prints only the avatars' lines. Usage: {@code
 * PbAnonServer [port]} (default 8800, on 127.0.0.1).
 */
public final class PbAnonServer {
  private PbAnonServer() {}

  /**
   * Trivial avatar exposing a single remote method for demonstrative purposes: Twisted's {@code
   * MyPerspective(Avatar)}. Every successful login gets one.
   */
  public static final class MyPerspective implements Perspective {
    private final String name;
    private final PrintStream out;

    /**
     * An avatar named {@code name}: the username used to log in, or {@code "Anonymous"} (which
     * collides with a user named "Anonymous", as in the howto).
     */
    MyPerspective(String name, PrintStream out) {
      this.name = name;
      this.out = out;
    }

    /** Prints the argument this method was called with and this avatar's name. */
    public void perspective_foo(Object arg) {
      out.println("I am " + name + ".  perspective_foo(" + arg + ") called on " + this + ".");
    }

    /** {@code <MyPerspective name>}: Python's repr of the avatar, without its address. */
    @Override
    public String toString() {
      return "<MyPerspective " + name + ">";
    }
  }

  /**
   * Trivial realm which supports anonymous and named users by creating avatars which are
   * instances of {@link MyPerspective} for either: Twisted's {@code MyRealm}. Thread-safe.
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
        throw new UnsupportedOperationException("MyRealm only handles Perspective");
      }
      String name = avatarId.isAnonymous() ? "Anonymous" : avatarId.usernameAsString();
      return LoginResult.of(Perspective.class, new MyPerspective(name, out), () -> {});
    }
  }

  /**
   * Starts the server on 127.0.0.1:{@code port} (0: any free port); its avatars print to {@code
   * out}.
   */
  public static PbServer start(int port, PrintStream out) {
    Portal p = new Portal(new MyRealm(out));

    // Here the username/password checker is registered.
    InMemoryUsernamePasswordDatabase c1 = new InMemoryUsernamePasswordDatabase();
    c1.addUser("user1", "pass1");
    c1.addUser("user2", "pass2");
    p.registerChecker(c1);

    // Here the anonymous checker is registered.
    AllowAnonymousAccess c2 = new AllowAnonymousAccess();
    p.registerChecker(c2);

    return PbServer.builder().bind("127.0.0.1", port).portal(p).start();
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port, System.out);
    System.out.println("pbAnonServer serving PB login on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
