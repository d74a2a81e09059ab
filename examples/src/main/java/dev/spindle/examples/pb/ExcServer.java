package dev.spindle.examples.pb;

import dev.spindle.pb.PbServer;
import dev.spindle.pb.flavors.Root;
import java.io.PrintStream;

/**
 * A root whose methods fail, like Twisted's {@code exc_server.py}: {@code broken()} raises an
 * expected error ({@link MyError}, a {@code PbError}), {@code broken2()} an unexpected one
 * ({@link MyError2}). Usage: {@code ExcServer [port]} (default 8800, on 127.0.0.1); runs until
 * killed.
 */
public final class ExcServer {
  private ExcServer() {}

  /** The root object. */
  public static final class One implements Root {
    private final PrintStream out;

    public One(PrintStream out) {
      this.out = out;
    }

    public void remote_broken() {
      String msg = "fall down go boom";
      out.println("raising a MyError exception with data '" + msg + "'");
      throw new MyError(msg);
    }

    public void remote_broken2() {
      String msg = "hadda owie";
      out.println("raising a MyError2 exception with data '" + msg + "'");
      throw new MyError2(msg);
    }
  }

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}. */
  public static PbServer start(int port, PrintStream out) {
    return PbServer.builder().root(new One(out)).bind("127.0.0.1", port).start();
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port, System.out);
    System.out.println("exc_server serving PB on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
  }
}
