package dev.spindle.examples.amp;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import java.io.PrintStream;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Calls a calculator server (Java or Twisted's {@code ampserver.py}), like Twisted's {@code
 * ampclient.py}. Usage: {@code CalculatorClient [host] [port]} (default 127.0.0.1 1234).
 */
public final class CalculatorClient {
  private CalculatorClient() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 1234;
    run(host, port, System.out);
  }

  /** Makes the calls and prints one line per result to {@code out}. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    try (AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect(host, port).get(10, TimeUnit.SECONDS);
      out.println("Sum(13, 81) = " + c.callRemote(new Sum(13, 81)).get(10, TimeUnit.SECONDS).total());
      out.println(
          "Divide(10, 4) = " + c.callRemote(new Divide(10, 4)).get(10, TimeUnit.SECONDS).result());
      try {
        c.callRemote(new Divide(1, 0)).join();
        out.println("Divide(1, 0) = ?");
      } catch (CompletionException e) {
        out.println("Divide(1, 0) failed: " + e.getCause());
      }
      c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
