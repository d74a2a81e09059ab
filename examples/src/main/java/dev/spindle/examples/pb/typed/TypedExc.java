package dev.spindle.examples.pb.typed;

import dev.spindle.examples.pb.MyError;
import dev.spindle.examples.pb.MyError2;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.exceptions.RemotePbException;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code exc_server.py} and {@code exc_client.py} with remote interfaces: a failure raised by the
 * implementation of {@link Breakable} reaches the peer as Twisted's CopiedFailure, and a stub's
 * future fails with {@link RemotePbException}. Usage: {@code TypedExc server [port]} or {@code
 * TypedExc client [host] [port]} (default 127.0.0.1 8800).
 */
public final class TypedExc {
  private TypedExc() {}

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port), printing to {@code out}. */
  public static PbServer start(int port, PrintStream out) {
    Breakable one = new Breakable() {
      @Override
      public CompletableFuture<Void> broken() {
        String msg = "fall down go boom";
        out.println("raising a MyError exception with data '" + msg + "'");
        throw new MyError(msg);
      }

      @Override
      public CompletableFuture<Void> broken2() {
        String msg = "hadda owie";
        out.println("raising a MyError2 exception with data '" + msg + "'");
        return CompletableFuture.failedFuture(new MyError2(msg)); // failing later works alike
      }
    };
    return PbServer.builder().root(Breakable_PbSkeleton.of(one)).bind("127.0.0.1", port).start();
  }

  /** Calls broken() and then broken2(), printing what each failure carries to {@code out}. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port)
          .thenApply(Breakable_PbStub::of)
          .thenCompose(one -> call(one::broken, out).thenCompose(v -> call(one::broken2, out)))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static CompletableFuture<Void> call(Supplier<CompletableFuture<Void>> method,
      PrintStream out) {
    return method.get().handle((result, reason) -> {
      if (reason == null) {
        out.println("erm, it wasn't *supposed* to work..");
        return null;
      }
      Throwable cause = TypedPbSimple.cause(reason);
      out.println("got remote Exception");
      out.println(" .__class__ = " + cause.getClass().getName());
      if (cause instanceof RemotePbException remote) {
        out.println(" .getErrorMessage() = " + remote.value());
        out.println(" .type = " + remote.typeName());
      } else {
        out.println(" .getErrorMessage() = " + cause.getMessage());
      }
      return null;
    });
  }

  public static void main(String[] args) throws Exception {
    boolean server = args.length > 0 && args[0].equals("server");
    String host = !server && args.length > 1 ? args[1] : "127.0.0.1";
    int port = args.length > (server ? 1 : 2) ? Integer.parseInt(args[server ? 1 : 2]) : 8800;
    if (server) {
      PbServer s = start(port, System.out);
      System.out.println("exc_server serving PB on " + s.address());
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    } else {
      run(host, port, System.out);
    }
  }
}
