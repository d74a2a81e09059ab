package dev.spindle.examples.cred;

import dev.spindle.cred.Portal;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbServer;
import java.io.PrintStream;

/**
 * The cred howto's {@code pb6server.py}: {@code pb5server.py} with two users, {@code user1}
 * (password {@code pass1}) and {@code user2} ({@code pass2}), each logged in to a perspective of
 * their own. The howto repeats pb5's {@code MyPerspective} and {@code MyRealm}; this reuses {@link
 * Pb5Server.MyPerspective} and {@link Pb5Server.MyRealm}. Usage: {@code Pb6Server [port]} (default
 * 8800, on 127.0.0.1).
 */
public final class Pb6Server {
  private Pb6Server() {}

  /**
   * Starts the server on 127.0.0.1:{@code port} (0: any free port); its avatars print to {@code
   * out}.
   */
  public static PbServer start(int port, PrintStream out) {
    InMemoryUsernamePasswordDatabase c = new InMemoryUsernamePasswordDatabase();
    c.addUser("user1", "pass1");
    c.addUser("user2", "pass2");
    Portal p = new Portal(new Pb5Server.MyRealm(out), c);
    return PbServer.builder().bind("127.0.0.1", port).portal(p).start();
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port, System.out);
    System.out.println("pb6server serving PB login on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
