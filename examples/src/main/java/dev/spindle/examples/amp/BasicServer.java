package dev.spindle.examples.amp;

import dev.spindle.amp.AmpServer;

/**
 * The AMP howto's {@code basic_server.tac}: an AMP server with no responders of its own (every
 * command is {@code UNHANDLED}), listening until killed. Usage: {@code BasicServer [port]}
 * (default 8750, on 127.0.0.1).
 */
public final class BasicServer {
  private BasicServer() {}

  /** Starts the server on 127.0.0.1:{@code port} (0: any free port). */
  public static AmpServer start(int port) {
    return AmpServer.builder().bind("127.0.0.1", port).start();
  }

  public static void main(String[] args) throws InterruptedException {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8750;
    AmpServer server = start(port);
    System.out.println("basic AMP server on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
