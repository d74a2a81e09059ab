package dev.spindle.examples.pb;

import dev.spindle.pb.PbServer;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.flavors.Root;
import java.io.PrintStream;

/**
 * A root whose {@code getTwo()} returns another remotely callable object, like Twisted's {@code
 * pb1server.py}. Usage: {@code Pb1Server [port]} (default 8800, on 127.0.0.1); runs until killed.
 */
public final class Pb1Server {
  private Pb1Server() {}

  /** Sent by reference: the caller gets a {@code RemoteReference} to it. */
  public static final class Two implements Referenceable {
    private final PrintStream out;

    Two(PrintStream out) {
      this.out = out;
    }

    public void remote_three(Object arg) {
      out.println("Two.three was given " + arg);
    }
  }

  /** The root object. */
  public static final class One implements Root {
    private final PrintStream out;

    public One(PrintStream out) {
      this.out = out;
    }

    public Two remote_getTwo() {
      Two two = new Two(out);
      out.println("returning a Two called " + Howto.describe(two));
      return two;
    }
  }

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}. */
  public static PbServer start(int port, PrintStream out) {
    return PbServer.builder().root(new One(out)).bind("127.0.0.1", port).start();
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port, System.out);
    System.out.println("pb1server serving PB on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
  }
}
