package dev.spindle.cli.demo;

import dev.spindle.amp.AmpServer;
import dev.spindle.cred.AvatarId;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.login.Perspective;

/**
 * The three demo servers on one host: AMP {@code Sum}/{@code Divide}; a PB root with {@code
 * echo}, {@code add} and {@code fail}; a PB login (user {@code alice}, password {@code secret})
 * whose avatar answers {@code whoami}. Close to stop them all.
 */
public final class DemoServers implements AutoCloseable {
  /** The README's ports: AMP 1234, PB 8787, PB login 8800. */
  public static final int AMP_PORT = 1234;
  /** The PB root's port. */
  public static final int PB_PORT = 8787;
  /** The PB login's port. */
  public static final int LOGIN_PORT = 8800;

  private final AmpServer amp;
  private final PbServer pb;
  private final PbServer login;

  private DemoServers(AmpServer amp, PbServer pb, PbServer login) {
    this.amp = amp;
    this.pb = pb;
    this.login = login;
  }

  /**
   * Starts the three servers on {@code host} (port 0: any free port); all or none.
   *
   * @param host the address to bind, such as {@code 127.0.0.1}
   * @param ampPort the AMP server's port, or 0 for any free port
   * @param pbPort the PB root's port, or 0 for any free port
   * @param loginPort the PB login's port, or 0 for any free port
   * @return the running servers; close them to stop all three
   */
  public static DemoServers start(String host, int ampPort, int pbPort, int loginPort) {
    AmpServer amp = AmpServer.builder()
        .bind(host, ampPort)
        .locator(new Calculator_AmpLocator(new Calculator()))
        .start();
    PbServer pb = null;
    try {
      pb = PbServer.builder()
          .bind(host, pbPort)
          .root(new EchoRoot())
          // Twisted's peers see the README's builtins.ValueError, as from a Python server.
          .pythonName(IllegalArgumentException.class, "builtins.ValueError")
          .start();
      InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
      users.addUser("alice", "secret");
      Realm realm = (Realm.Synchronous) (id, mind, interfaces) ->
          LoginResult.of(Perspective.class, new User(id), () -> {});
      PbServer login = PbServer.builder().bind(host, loginPort).portal(new Portal(realm, users)).start();
      return new DemoServers(amp, pb, login);
    } catch (RuntimeException e) {
      amp.close();
      if (pb != null) {
        pb.close();
      }
      throw e;
    }
  }

  /**
   * The AMP server's port.
   *
   * @return the port the AMP server is bound to
   */
  public int ampPort() {
    return amp.port();
  }

  /**
   * The PB root's port.
   *
   * @return the port the PB root's server is bound to
   */
  public int pbPort() {
    return pb.port();
  }

  /**
   * The PB login's port.
   *
   * @return the port the PB login's server is bound to
   */
  public int loginPort() {
    return login.port();
  }

  @Override
  public void close() {
    try {
      amp.close();
    } finally {
      try {
        pb.close();
      } finally {
        login.close();
      }
    }
  }

  /** The PB root: {@code echo(value)}, {@code add(a, b)}, {@code fail(message)}. */
  public static final class EchoRoot implements Root {
    /**
     * Returns {@code value} as it came.
     *
     * @param value any value PB can send
     * @return {@code value}, unchanged
     */
    public Object remote_echo(Object value) {
      return value;
    }

    /**
     * {@code a + b}.
     *
     * @param a the first addend
     * @param b the second addend
     * @return the sum
     * @throws ArithmeticException if the sum overflows a long
     */
    public long remote_add(long a, long b) {
      return Math.addExact(a, b);
    }

    /**
     * Raises Python's {@code ValueError(message)}.
     *
     * @param message the error's message
     * @throws IllegalArgumentException always, sent to the peer as {@code builtins.ValueError}
     */
    public void remote_fail(String message) {
      throw new IllegalArgumentException(message);
    }
  }

  /** The avatar of a login. */
  public static final class User implements Perspective {
    private final AvatarId id;

    User(AvatarId id) {
      this.id = id;
    }

    /**
     * The avatar id, as bytes like Twisted's avatar ids.
     *
     * @return the logged-in username's bytes
     */
    public byte[] perspective_whoami() {
      return id.username();
    }
  }
}
