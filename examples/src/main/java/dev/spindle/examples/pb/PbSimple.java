package dev.spindle.examples.pb;

import dev.spindle.pb.PbServer;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.jelly.ValueText;
import java.io.PrintStream;

/**
 * Publishes an {@link Echoer} root, like Twisted's {@code pbsimple.py}. Usage: {@code PbSimple
 * [port]} (default 8789, on 127.0.0.1); runs until killed.
 */
public final class PbSimple {
  private PbSimple() {}

  /** At most this many characters of an echoed value are printed (a 600 KB one is cut). */
  static final int PRINTED = 200;

  /** The root object: {@code callRemote("echo", st)} answers {@code st}. */
  public static final class Echoer implements Root {
    private final PrintStream out;

    public Echoer(PrintStream out) {
      this.out = out;
    }

    public Object remote_echo(Object st) {
      // As Python's print("echoing:", st): str as it is, anything else as its repr, cut at 200.
      out.println("echoing: " + (st instanceof String text && text.length() <= PRINTED
          ? text
          : ValueText.repr(st, PRINTED)));
      return st;
    }
  }

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}. */
  public static PbServer start(int port, PrintStream out) {
    return PbServer.builder().root(new Echoer(out)).bind("127.0.0.1", port).start();
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8789;
    PbServer server = start(port, System.out);
    System.out.println("pbsimple serving PB on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
  }
}
