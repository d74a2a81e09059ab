package dev.spindle.examples.pb;

import dev.spindle.examples.pb.CacheClasses.SlaveDuckPond;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.flavors.Root;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Watches a sender's {@code cache_classes.MasterDuckPond} through a {@link SlaveDuckPond}, like
 * Twisted's {@code cache_receiver.py}. Usage: {@code CacheReceiver [port]} (default 8800, on
 * 127.0.0.1); runs until a client calls {@code shutdown}.
 */
public final class CacheReceiver {
  private CacheReceiver() {}

  /** The root object. Its methods run on the connection's event loop. */
  public static final class Receiver implements Root {
    private final PrintStream out;
    private final CompletableFuture<Void> shutdown = new CompletableFuture<>();
    private SlaveDuckPond pond;

    public Receiver(PrintStream out) {
      this.out = out;
    }

    public void remote_takePond(SlaveDuckPond pond) {
      this.pond = pond;
      out.println("got pond: " + Howto.describe(pond)); // a DuckPondCache
      remote_checkDucks();
    }

    public void remote_checkDucks() {
      out.println("[" + pond.count() + "] ducks:  " + repr(pond.getDucks()));
    }

    public void remote_ignorePond() {
      // stop watching the pond
      out.println("dropping pond");
      // Twisted: gc causes __del__ causes 'decache' msg causes stoppedObserving; Java says so
      pond.release();
      pond = null;
    }

    public void remote_shutdown() {
      shutdown.complete(null);
    }
  }

  /** A list of strings as Python prints it: {@code ['one duck', 'two duck']}. */
  static String repr(List<String> strings) {
    return strings.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ", "[", "]"));
  }

  /**
   * Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}; it
   * closes itself when a client calls {@code shutdown}.
   */
  public static PbServer start(int port, PrintStream out) {
    Receiver root = new Receiver(out);
    PbServer server = PbServer.builder()
        .root(root)
        .remoteCache(CacheClasses.MASTER_DUCK_POND, () -> new SlaveDuckPond(out))
        .bind("127.0.0.1", port)
        .start();
    root.shutdown.thenRun(server::closeAsync);
    return server;
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port, System.out);
    System.out.println("cache_receiver serving PB on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
  }
}
