package dev.spindle.examples.pb;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Gets a Two from a pb1 server (Java or Twisted's {@code pb1server.py}) and calls it, like
 * Twisted's {@code pb1client.py}. Usage: {@code Pb1Client [host] [port]} (default 127.0.0.1
 * 8800).
 */
public final class Pb1Client {
  private Pb1Client() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8800;
    run(host, port, System.out);
  }

  /** Makes the calls, printing each step to {@code out}; returns when {@code three} answered. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port)
          .thenCompose(obj1 -> {
            out.println("got first object: " + Howto.describe(obj1));
            out.println("asking it to getTwo");
            return obj1.callRemote(RemoteReference.class, "getTwo");
          })
          .thenCompose(obj2 -> {
            out.println("got second object: " + Howto.describe(obj2));
            out.println("telling it to do three(12)");
            return obj2.callRemote("three", 12).whenComplete((v, e) -> obj2.release());
          })
          .exceptionally(reason -> {
            out.println("error: " + Howto.cause(reason));
            return null;
          })
          .get(30, TimeUnit.SECONDS);
    }
  }
}
