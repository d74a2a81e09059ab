package dev.spindle.examples.pb;

import dev.spindle.pb.PbServer;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.flavors.Root;
import java.io.PrintStream;

/**
 * A root that hands out its Two and recognizes it when the client gives it back, like Twisted's
 * {@code pb2server.py}: a reference sent back to its owner arrives as the owner's own object.
 * Usage: {@code Pb2Server [port]} (default 8800, on 127.0.0.1); runs until killed.
 */
public final class Pb2Server {
  private Pb2Server() {}

  /** Sent by reference. */
  public static final class Two implements Referenceable {
    private final PrintStream out;

    public Two(PrintStream out) {
      this.out = out;
    }

    public void remote_print(Object arg) {
      out.println("two.print was given " + arg);
    }
  }

  /** The root object. */
  public static final class One implements Root {
    private final PrintStream out;
    private final Two two;

    public One(Two two, PrintStream out) {
      this.two = two;
      this.out = out;
    }

    public Two remote_getTwo() {
      out.println("One.getTwo(), returning my two called " + Howto.describe(two));
      return two;
    }

    public void remote_checkTwo(Object newtwo) {
      out.println("One.checkTwo(): comparing my two " + Howto.describe(two));
      out.println("One.checkTwo(): against your two " + Howto.describe(newtwo));
      if (two == newtwo) {
        out.println("One.checkTwo(): our twos are the same");
      }
    }
  }

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}. */
  public static PbServer start(int port, PrintStream out) {
    Two two = new Two(out);
    return PbServer.builder().root(new One(two, out)).bind("127.0.0.1", port).start();
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port, System.out);
    System.out.println("pb2server serving PB on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
  }
}
