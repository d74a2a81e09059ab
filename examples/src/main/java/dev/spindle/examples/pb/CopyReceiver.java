package dev.spindle.examples.pb;

import dev.spindle.pb.PbServer;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.jelly.JellyRegistry;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Receives {@code copy_sender.CopyPond}s as {@link ReceiverPond}s, like Twisted's {@code
 * copy_receiver.tac}. Usage: {@code CopyReceiver [port]} (default 8800, on 127.0.0.1); runs until
 * a client calls {@code shutdown}.
 */
public final class CopyReceiver {
  private CopyReceiver() {}

  /** This side's copy of a sender's LilyPond: Twisted's {@code ReceiverPond(pb.RemoteCopy, LilyPond)}. */
  public static final class ReceiverPond extends CopySender.LilyPond {
    /** Fills the pond from the state the sender sent: Twisted's {@code setCopyableState}. */
    public void setCopyableState(Map<String, Object> state) {
      color = (String) state.get("color");
      numFrogs = (Long) state.get("numFrogs");
    }
  }

  /**
   * What this side accepts: {@code copy_sender.CopyPond}, made into a ReceiverPond. Twisted:
   * {@code pb.setUnjellyableForClass(CopyPond, ReceiverPond)}.
   */
  public static final JellyRegistry JELLY = JellyRegistry.builder()
      .register(CopySender.COPY_POND, ReceiverPond.class,
          ReceiverPond::state, ReceiverPond::new, ReceiverPond::setCopyableState)
      .build();

  /** The root object. */
  public static final class Receiver implements Root {
    private final PrintStream out;
    private final CompletableFuture<Void> shutdown = new CompletableFuture<>();

    public Receiver(PrintStream out) {
      this.out = out;
    }

    public String remote_takePond(ReceiverPond pond) {
      out.println(" got pond: " + Howto.describe(pond));
      pond.countFrogs(out);
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
    PbServer server = PbServer.builder().root(root).jelly(JELLY).bind("127.0.0.1", port).start();
    root.shutdown.thenRun(server::closeAsync);
    return server;
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port, System.out);
    System.out.println("copy_receiver serving PB on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
  }
}
