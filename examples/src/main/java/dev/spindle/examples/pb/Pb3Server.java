package dev.spindle.examples.pb;

import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.flavors.Root;
import java.io.PrintStream;
import java.util.concurrent.CompletionStage;

/**
 * A root that calls back an object the client gave it, like Twisted's {@code pb3server.py}.
 * Usage: {@code Pb3Server [port]} (default 8800, on 127.0.0.1); runs until killed.
 */
public final class Pb3Server {
  private Pb3Server() {}

  /** The root object. */
  public static final class One implements Root {
    private final PrintStream out;

    public One(PrintStream out) {
      this.out = out;
    }

    /**
     * Calls {@code two.print(12)}; answers once that call has answered (the howto drops the
     * Deferred instead).
     */
    public CompletionStage<Object> remote_takeTwo(RemoteReference two) {
      out.println("received a Two called " + Howto.describe(two));
      out.println("telling it to print(12)");
      return two.callRemote("print", 12).whenComplete((v, e) -> two.release());
    }
  }

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}. */
  public static PbServer start(int port, PrintStream out) {
    return PbServer.builder().root(new One(out)).bind("127.0.0.1", port).start();
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port, System.out);
    System.out.println("pb3server serving PB on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
  }
}
