package dev.spindle.examples.amp;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * The howto's {@code command_client.py}: registers {@code alice} with a registration server (Java
 * or Python). Usage: {@code CommandClient [host] [port] [username]} (default 127.0.0.1 8750 alice).
 */
public final class CommandClient {
  private CommandClient() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8750;
    String username = args.length > 2 ? args[2] : "alice";
    try (AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect(host, port).get(10, TimeUnit.SECONDS);
      try {
        RegisterUser.Result result =
            c.callRemote(
                    new RegisterUser(
                        username,
                        "ssh-rsa AAAAB3NzaC1yc2 alice@actinium".getBytes(StandardCharsets.US_ASCII)))
                .join();
        System.out.println("Registration result: uid=" + result.uid());
      } catch (CompletionException e) {
        System.out.println("Failed to register: " + e.getCause());
      }
      c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
