package dev.spindle.examples.pb;

import dev.spindle.examples.pb.Copy2Classes.ReceiverPond;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.flavors.Root;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;

/**
 * Receives {@code copy2_classes.SenderPond}s as {@link ReceiverPond}s, like Twisted's {@code
 * copy2_receiver.py}. Usage: {@code Copy2Receiver [port]} (default 8800, on 127.0.0.1); runs
 * until a client calls {@code shutdown}.
 */
public final class Copy2Receiver {
  private Copy2Receiver() {}

  /** The root object. */
  public static final class Receiver implements Root {
    private final PrintStream out;
    private final CompletableFuture<Void> shutdown = new CompletableFuture<>();

    public Receiver(PrintStream out) {
      this.out = out;
    }

    public String remote_takePond(ReceiverPond pond) {
      out.println(" got pond: " + Howto.describe(pond));
      out.println(" count " + pond.count());
      return "safe and sound"; // positive acknowledgement
    }

    public void remote_shutdown() {
      shutdown.complete(null);
    }
  }

  /**
   * Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}; it
   * closes itself when a client calls {@code shutdown}.
   */
  public static PbServer start(int port, PrintStream out) {
    Receiver root = new Receiver(out);
    // Copy2Classes.JELLY: "needed to get ReceiverPond registered with Jelly"
    PbServer server = PbServer.builder().root(root).jelly(Copy2Classes.JELLY).bind("127.0.0.1", port).start();
    root.shutdown.thenRun(server::closeAsync);
    return server;
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port, System.out);
    System.out.println("copy2_receiver serving PB on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
  }
}
