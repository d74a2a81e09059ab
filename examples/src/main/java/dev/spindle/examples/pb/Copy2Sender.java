package dev.spindle.examples.pb;

import dev.spindle.examples.pb.Copy2Classes.SenderPond;
import dev.spindle.pb.PbClient;
import java.io.PrintStream;
import java.util.concurrent.TimeUnit;

/**
 * Sends a {@link SenderPond} to a copy2 receiver (Java's {@link Copy2Receiver} or Twisted's {@code
 * copy2_receiver.py}), like Twisted's {@code copy2_sender.py}. Usage: {@code Copy2Sender [host]
 * [port]} (default 127.0.0.1 8800).
 */
public final class Copy2Sender {
  private Copy2Sender() {}

  public static void main(String[] args) throws Exception {
    String host = args.length > 0 ? args[0] : "127.0.0.1";
    int port = args.length > 1 ? Integer.parseInt(args[1]) : 8800;
    run(host, port, System.out);
  }

  /** Sends the pond, printing to {@code out}. */
  public static void run(String host, int port, PrintStream out) throws Exception {
    SenderPond pond = new SenderPond(3, 4);
    out.println("count " + pond.count());

    CopySender.Sender sender = new CopySender.Sender(pond, out);
    try (PbClient client = PbClient.builder().build()) {
      client.getRootObject(host, port).thenCompose(sender::gotObj).get(30, TimeUnit.SECONDS);
    }
  }
}
