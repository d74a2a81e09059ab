package dev.spindle.examples.amp;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The howto's {@code command_client.py}: registers a user with a registration server (Java or
 * Python). Usage: {@code CommandClient [host] [port] [username]} (default 127.0.0.1 8750 alice).
 */
public final class CommandClient {
  private CommandClient() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8750;
    String username = args.length > 2 ? args[2] : "alice";
    run(host, port, username, System.out);
  }

  /** Registers {@code username} and prints the result (or the failure) to {@code out}. */
  public static void run(String host, int port, String username, PrintStream out)
      throws Exception {
    try (AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect(host, port).get(10, TimeUnit.SECONDS);
      byte[] key = "ssh-rsa AAAAB3NzaC1yc2 alice@actinium".getBytes(StandardCharsets.US_ASCII);
      try {
        RegisterUser.Result result = c.callRemote(new RegisterUser(username, key)).join();
        out.println("Registration result: uid=" + result.uid());
      } catch (CompletionException e) {
        out.println("Failed to register: " + e.getCause());
      }
      c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
