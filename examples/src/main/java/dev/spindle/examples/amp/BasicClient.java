package dev.spindle.examples.amp;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * The AMP howto's {@code basic_client.py}: connects to an AMP server (Java or Twisted), says so,
 * and disconnects. Usage: {@code BasicClient [host] [port]} (default 127.0.0.1 8750).
 */
public final class BasicClient {
  private BasicClient() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8750;
    run(host, port, System.out);
  }

  /** Connects, prints {@code connected to HOST:PORT}, and closes the connection. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect(host, port).get(10, TimeUnit.SECONDS);
      out.println("connected to " + host + ":" + port);
      c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
