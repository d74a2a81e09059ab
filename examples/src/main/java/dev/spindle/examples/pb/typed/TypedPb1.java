package dev.spindle.examples.pb.typed;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.typed.PbStub;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code pb1server.py} and {@code pb1client.py} with remote interfaces: {@link One#getTwo}
 * answers a {@link Two}, which the server returns as a plain Java object and the client receives
 * as a stub. Usage: {@code TypedPb1 server [port]} or {@code TypedPb1 client [host] [port]}
 * (default 127.0.0.1 8800).
 */
public final class TypedPb1 {
  private TypedPb1() {}

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}. */
  public static PbServer start(int port, PrintStream out) {
    Two two = arg -> {
      out.println("Two.three was given " + arg);
      return CompletableFuture.completedFuture(null);
    };
    One one = () -> {
      out.println("returning a Two");
      return CompletableFuture.completedFuture(two);
    };
    return PbServer.builder().root(One_PbSkeleton.of(one)).bind("127.0.0.1", port).start();
  }

  /** Makes the calls, printing each step to {@code out}; returns when {@code three} answered. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port)
          .thenCompose(ref -> {
            One one = One_PbStub.of(ref);
            out.println("got first object: " + one.getClass().getSimpleName());
            out.println("asking it to getTwo");
            return one.getTwo();
          })
          .thenCompose(two -> {
            out.println("got second object: " + two.getClass().getSimpleName());
            out.println("telling it to do three(12)");
            return two.three(12).whenComplete((v, e) -> ((PbStub) two).reference().release());
          })
          .exceptionally(reason -> {
            out.println("error: " + TypedPbSimple.cause(reason));
            return null;
          })
          .get(30, TimeUnit.SECONDS);
    }
  }

  public static void main(String[] args) throws Exception {
    boolean server = args.length > 0 && args[0].equals("server");
    String host = !server && args.length > 1 ? args[1] : "127.0.0.1";
    int port = args.length > (server ? 1 : 2) ? Integer.parseInt(args[server ? 1 : 2]) : 8800;
    if (server) {
      PbServer s = start(port, System.out);
      System.out.println("pb1server serving PB on " + s.address());
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    } else {
      run(host, port, System.out);
    }
  }
}
