package dev.spindle.examples.cred;

import dev.spindle.cred.Anonymous;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbConnection;
import dev.spindle.pb.RemoteReference;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The cred howto's {@code pbAnonClient.py}: talks to {@code pbAnonServer.py} (Java or Twisted),
 * logging in over one connection both anonymously and with username/password credentials, and
 * calls {@code foo(13)} on each perspective. Ends once both calls are answered. Usage: {@code
 * PbAnonClient [host] [port]} (default 127.0.0.1 8800).
 */
public final class PbAnonClient {
  private PbAnonClient() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8800;
    run(host, port, System.out);
  }

  /**
   * Connects, logs in both anonymously and as {@code user1}, prints two lines to {@code out} per
   * perspective, calls {@code foo(13)} on each and waits for both answers. A failed login prints
   * one line naming it, as the howto's {@code error} errback logs it.
   */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (PbClient client = PbClient.builder().build()) {
      PbConnection factory = client.connect(host, port).get(10, TimeUnit.SECONDS);

      CompletableFuture<Object> anonymousLogin = factory.login(Anonymous.INSTANCE, null)
          .thenCompose(perspective -> connected(perspective, out))
          .exceptionally(why -> error(why, "Anonymous login failed", out));

      CompletableFuture<Object> usernameLogin = factory.login(UsernamePassword.of("user1", "pass1"), null)
          .thenCompose(perspective -> connected(perspective, out))
          .exceptionally(why -> error(why, "Username/password login failed", out));

      CompletableFuture.allOf(anonymousLogin, usernameLogin).get(10, TimeUnit.SECONDS);
    }
  }

  /** Invokes the remote {@code foo} method on the perspective which the server returned. */
  private static CompletableFuture<Object> connected(RemoteReference perspective, PrintStream out) {
    // Python prints the reference's repr, an address; both sides print its type instead.
    out.println("got perspective1 ref: " + perspective.getClass().getSimpleName());
    out.println("asking it to foo(13)");
    return perspective.callRemote("foo", 13);
  }

  /** Catch-all errback: prints the failure. Not expected in the normal case for this example. */
  private static Object error(Throwable why, String msg, PrintStream out) {
    Throwable cause = why instanceof CompletionException && why.getCause() != null ? why.getCause() : why;
    out.println(msg + ": " + cause);
    return null;
  }
}
