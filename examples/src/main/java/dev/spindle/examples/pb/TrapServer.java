package dev.spindle.examples.pb;

import dev.spindle.pb.PbServer;
import dev.spindle.pb.flavors.Root;
import java.util.concurrent.CompletableFuture;

/**
 * The server of Twisted's {@code trap_server.py}: {@code fooMethod(arg)} answers {@code
 * "response"} or, for {@code "panic!"}, raises {@link MyException}; {@code shutdown()} stops the
 * server (the howto's {@code reactor.stop()}). Usage: {@code TrapServer [port]} (default 8800, on
 * 127.0.0.1); runs until a client calls {@code shutdown}.
 */
public final class TrapServer {
  private TrapServer() {}

  /** The root object. */
  public static final class One implements Root {
    private final CompletableFuture<Void> shutdown = new CompletableFuture<>();

    public String remote_fooMethod(Object arg) {
      if ("panic!".equals(arg)) {
        throw new MyException();
      }
      return "response";
    }

    public void remote_shutdown() {
      shutdown.complete(null);
    }
  }

  /**
   * Starts the server on 127.0.0.1:{@code port} (0: any free port); it closes itself, and every
   * connection, when a client calls {@code shutdown}.
   */
  public static PbServer start(int port) {
    One root = new One();
    PbServer server = PbServer.builder().root(root).bind("127.0.0.1", port).start();
    root.shutdown.thenRun(server::closeAsync);
    return server;
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8800;
    PbServer server = start(port);
    System.out.println("trap_server serving PB on " + server.address());
    // The JVM lives as long as the server's event loops: until shutdown() or Ctrl-C.
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
  }
}
