package dev.spindle.examples.pb.typed;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code pb3server.py} and {@code pb3client.py} with remote interfaces: the client gives the
 * server its own Two ({@link Taker#takeTwo}), which the server calls through a stub. Usage:
 * {@code TypedPb3 server [port]} or {@code TypedPb3 client [host] [port]} (default 127.0.0.1
 * 8800).
 */
public final class TypedPb3 {
  private TypedPb3() {}

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}. */
  public static PbServer start(int port, PrintStream out) {
    Taker one = two -> {
      out.println("received a Two called " + TypedPb2.name(two));
      out.println("telling it to print(12)");
      return two.print(12);
    };
    return PbServer.builder().root(Taker_PbSkeleton.of(one)).bind("127.0.0.1", port).start();
  }

  /** Gives the server a Two; returns when it has printed and {@code takeTwo} answered. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    CompletableFuture<Void> printed = new CompletableFuture<>();
    Printer two = arg -> {
      out.println("Two.print() called with " + arg);
      printed.complete(null);
      return CompletableFuture.completedFuture(null);
    };
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port)
          .thenCompose(ref -> {
            Taker one = Taker_PbStub.of(ref);
            out.println("got One: " + TypedPb2.name(one));
            out.println("giving it our two");
            return one.takeTwo(two);
          })
          .thenCombine(printed, (answer, done) -> answer)
          .get(30, TimeUnit.SECONDS);
    }
  }

  public static void main(String[] args) throws Exception {
    boolean server = args.length > 0 && args[0].equals("server");
    String host = !server && args.length > 1 ? args[1] : "127.0.0.1";
    int port = args.length > (server ? 1 : 2) ? Integer.parseInt(args[server ? 1 : 2]) : 8800;
    if (server) {
      PbServer s = start(port, System.out);
      System.out.println("pb3server serving PB on " + s.address());
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    } else {
      run(host, port, System.out);
    }
  }
}
