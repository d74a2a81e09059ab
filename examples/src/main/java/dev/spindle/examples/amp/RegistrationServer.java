package dev.spindle.examples.amp;

import dev.spindle.amp.AmpServer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves the howto's {@link UserRegistration} locator until killed. Usage: {@code
 * RegistrationServer [port] [directory]} (default 8750 and a new temporary directory).
 */
public final class RegistrationServer {
  private RegistrationServer() {}

  /** Starts the server on 127.0.0.1:{@code port}, registering users in {@code dir}. */
  public static AmpServer start(int port, Path dir) {
    return AmpServer.builder()
        .bind("127.0.0.1", port)
        .locator(new UserRegistration_AmpLocator(new UserRegistration(dir)))
        .start();
  }

  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8750;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("spindle-users");
    AmpServer server = start(port, dir);
    System.out.println("registering users in " + dir + ", AMP on " + server.address());
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    Thread.currentThread().join();
  }
}
