package dev.spindle.examples.pb;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.RemotePbException;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@code broken()} and then {@code broken2()} on an exc server (Java or Twisted's {@code
 * exc_server.py}) and prints what the failures carry, like Twisted's {@code exc_client.py} (which
 * calls broken() and suggests trying broken2()). Usage: {@code ExcClient [host] [port]} (default
 * 127.0.0.1 8800).
 */
public final class ExcClient {
  private ExcClient() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8800;
    run(host, port, System.out);
  }

  /** Makes both calls, printing to {@code out}. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port)
          .thenCompose(obj -> call(obj, "broken", out).thenCompose(v -> call(obj, "broken2", out)))
          .get(30, TimeUnit.SECONDS);
    }
  }

  private static CompletableFuture<Void> call(RemoteReference obj, String method, PrintStream out) {
    return obj.callRemote(method).handle((result, reason) -> {
      if (reason == null) {
        out.println("erm, it wasn't *supposed* to work..");
      } else {
        broken(Howto.cause(reason), out);
      }
      return null;
    });
  }

  private static void broken(Throwable reason, PrintStream out) {
    out.println("got remote Exception");
    // reason should be a RemotePbException (Twisted's CopiedFailure) holding the MyError
    out.println(" .__class__ = " + reason.getClass().getName());
    if (reason instanceof RemotePbException remote) {
      out.println(" .getErrorMessage() = " + remote.value());
      out.println(" .type = " + remote.typeName());
    } else {
      out.println(" .getErrorMessage() = " + reason.getMessage());
    }
  }
}
