package dev.spindle.examples.pb.typed;

import dev.spindle.pb.PbServer;
import dev.spindle.pb.PbClient;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * {@code pbsimple.py} and {@code pbsimpleclient.py} with a remote interface ({@link Echoer}):
 * the server publishes {@code Echoer_PbSkeleton}, the client calls {@code Echoer_PbStub}. Usage:
 * {@code TypedPbSimple server [port]} or {@code TypedPbSimple client [host] [port]} (default
 * 127.0.0.1 8789).
 */
public final class TypedPbSimple {
  private TypedPbSimple() {}

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}. */
  public static PbServer start(int port, PrintStream out) {
    Echoer echoer = st -> {
      out.println("echoing: " + st);
      return CompletableFuture.completedFuture(st);
    };
    return PbServer.builder().root(Echoer_PbSkeleton.of(echoer)).bind("127.0.0.1", port).start();
  }

  /** Calls {@code echo("hello network")} and prints what {@code pbsimpleclient.py} prints. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port)
          .thenApply(Echoer_PbStub::of)
          .thenCompose(echoer -> echoer.echo("hello network"))
          .thenApply(echo -> "server echoed: " + echo)
          .exceptionally(reason -> "error: " + cause(reason).getMessage())
          .thenAccept(out::println)
          .get(30, TimeUnit.SECONDS);
    }
  }

  static Throwable cause(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  public static void main(String[] args) throws Exception {
    boolean server = args.length > 0 && args[0].equals("server");
    String host = !server && args.length > 1 ? args[1] : "127.0.0.1";
    int port = args.length > (server ? 1 : 2) ? Integer.parseInt(args[server ? 1 : 2]) : 8789;
    if (server) {
      PbServer s = start(port, System.out);
      System.out.println("pbsimple serving PB on " + s.address());
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    } else {
      run(host, port, System.out);
    }
  }
}
