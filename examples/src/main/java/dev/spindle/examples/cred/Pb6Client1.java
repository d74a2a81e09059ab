package dev.spindle.examples.cred;

import dev.spindle.cred.UsernamePassword;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The cred howto's {@code pb6client1.py}: logs in to {@code pb6server.py} (Java or Twisted) as
 * {@code user1} and calls {@code foo(13)} on the perspective. The howto's client runs until
 * killed; this one ends once the call is answered. Usage: {@code Pb6Client1 [host] [port]}
 * (default 127.0.0.1 8800).
 */
public final class Pb6Client1 {
  private Pb6Client1() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8800;
    run(host, port, System.out);
  }

  /** Logs in, prints two lines to {@code out}, calls {@code foo(13)} and waits for its answer. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (PbClient factory = PbClient.builder().build()) {
      factory.login(host, port, UsernamePassword.of("user1", "pass1"), null)
          .thenCompose(perspective -> connected(perspective, out))
          .get(10, TimeUnit.SECONDS);
    }
  }

  private static CompletableFuture<Object> connected(RemoteReference perspective, PrintStream out) {
    // Python prints the reference's repr, an address; both sides print its type instead.
    out.println("got perspective1 ref: " + perspective.getClass().getSimpleName());
    out.println("asking it to foo(13)");
    return perspective.callRemote("foo", 13);
  }
}
