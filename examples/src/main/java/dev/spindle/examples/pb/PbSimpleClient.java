package dev.spindle.examples.pb;

import dev.spindle.pb.PbClient;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@code echo("hello network")} on a pbsimple server (Java or Twisted's {@code
 * pbsimple.py}), like Twisted's {@code pbsimpleclient.py}. Usage: {@code PbSimpleClient [host]
 * [port]} (default 127.0.0.1 8789).
 */
public final class PbSimpleClient {
  private PbSimpleClient() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8789;
    run(host, port, System.out);
  }

  /** Makes the call and prints the one line of {@code pbsimpleclient.py} to {@code out}. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port)
          .thenCompose(object -> object.callRemote(String.class, "echo", "hello network"))
          .thenApply(echo -> "server echoed: " + echo)
          .exceptionally(reason -> "error: " + Howto.cause(reason).getMessage())
          .thenAccept(out::println)
          .get(30, TimeUnit.SECONDS);
    }
  }
}
