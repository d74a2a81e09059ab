package dev.spindle.examples.pb.typed;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.jelly.JellyRegistry;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code copy_sender.py} and {@code copy_receiver.tac} with a remote interface and a record: the
 * {@link Pond} record goes by value, registered by the generated {@code
 * PondReceiver_PbSkeleton.registerCopies} (no reflection). Usage: {@code TypedCopy server [port]}
 * or {@code TypedCopy client [host] [port]} (default 127.0.0.1 8800).
 */
public final class TypedCopy {
  private TypedCopy() {}

  /** Starts the receiver on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}. */
  public static PbServer start(int port, PrintStream out) {
    PondReceiver receiver = pond -> {
      out.println(" got pond: " + TypedPb2.name(pond));
      out.println(pond.countFrogs());
      return CompletableFuture.completedFuture("safe and sound"); // positive acknowledgement
    };
    return PbServer.builder()
        .jelly(PondReceiver_PbSkeleton.registerCopies(JellyRegistry.builder()).build())
        .root(PondReceiver_PbSkeleton.of(receiver)).bind("127.0.0.1", port).start();
  }

  /** Sends a green pond of 7 frogs, printing to {@code out}; returns when it arrived. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    Pond pond = new Pond("green", 7);
    out.println(pond.countFrogs());
    out.println(Pond_PbCopy.CLASS_NAME); // the class name sent
    try (PbClient client = PbClient.builder()
        .jelly(PondReceiver_PbStub.registerCopies(JellyRegistry.builder()).build()).build()) {
      client.getRootObject(host, port)
          .thenCompose(ref -> PondReceiver_PbStub.of(ref).takePond(pond))
          .thenAccept(response -> out.println("pond arrived " + response))
          .get(30, TimeUnit.SECONDS);
    }
  }

  public static void main(String[] args) throws Exception {
    boolean server = args.length > 0 && args[0].equals("server");
    String host = !server && args.length > 1 ? args[1] : "127.0.0.1";
    int port = args.length > (server ? 1 : 2) ? Integer.parseInt(args[server ? 1 : 2]) : 8800;
    if (server) {
      PbServer s = start(port, System.out);
      System.out.println("copy_receiver serving PB on " + s.address());
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    } else {
      run(host, port, System.out);
    }
  }
}
