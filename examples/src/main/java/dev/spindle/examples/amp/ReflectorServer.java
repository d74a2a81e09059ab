package dev.spindle.examples.amp;

import dev.spindle.amp.AmpServer;

/**
 * Serves the howto's {@link BoxReflector}: every box comes straight back. Usage: {@code
 * ReflectorServer [port]} (default 8750).
 */
public final class ReflectorServer {
  private ReflectorServer() {}

  /** Starts the reflector on 127.0.0.1:{@code port}. */
  public static AmpServer start(int port) {
    return AmpServer.builder()
        .bind("127.0.0.1", port)
        .boxReceiverFactory(c -> new BoxReflector())
        .start();
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8750;
    AmpServer server = start(port);
    System.out.println("reflecting AMP boxes on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
