package dev.spindle.examples.pb;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.flavors.Referenceable;
import java.io.PrintStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gives a pb3 server (Java or Twisted's {@code pb3server.py}) a reference to one of its own
 * objects, which the server then calls, like Twisted's {@code pb3client.py}. Usage: {@code
 * Pb3Client [host] [port]} (default 127.0.0.1 8800).
 */
public final class Pb3Client {
  private Pb3Client() {}

  /** The client's object, sent by reference: the server calls {@code print} on it. */
  public static final class Two implements Referenceable {
    private final PrintStream out;
    final CompletableFuture<Void> printed = new CompletableFuture<>();

    Two(PrintStream out) {
      this.out = out;
    }

    public void remote_print(Object arg) {
      out.println("Two.print() called with " + arg);
      printed.complete(null);
    }
  }

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8800;
    run(host, port, System.out);
  }

  /** Hands over the Two, printing to {@code out}; returns once it was called and takeTwo answered. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    Two two = new Two(out);
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port)
          .thenCompose(obj -> {
            out.println("got One: " + Howto.describe(obj));
            out.println("giving it our two");
            return obj.callRemote("takeTwo", two);
          })
          .thenCombine(two.printed, (answer, printed) -> answer)
          .get(30, TimeUnit.SECONDS);
    }
  }
}
