package dev.spindle.examples.amp;

import dev.spindle.amp.AmpServer;

/**
 * Serves {@link Calculator} ({@code Sum}, {@code Divide}) until killed, like Twisted's {@code
 * ampserver.py}. Usage: {@code CalculatorServer [port]} (default 1234, on 127.0.0.1).
 */
public final class CalculatorServer {
  private CalculatorServer() {}

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port). */
  public static AmpServer start(int port) {
    return AmpServer.builder()
        .bind("127.0.0.1", port)
        .locator(new Calculator_AmpLocator(new Calculator()))
        .start();
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 1234;
    AmpServer server = start(port);
    System.out.println("calculator serving AMP on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
