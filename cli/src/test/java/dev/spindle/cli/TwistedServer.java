package dev.spindle.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real Twisted 22.4 server: one of the interop tests' Python scripts ({@code spindle.peers},
 * {@code interop-tests/src/test/python}) run as {@code script server} with {@code spindle.python}
 * ({@code /usr/bin/python3}). It prints {@code PORT <n>} and serves until its standard input closes.
 * A missing interpreter or Twisted fails the test; it never skips. (After interop-tests'
 * {@code TwistedPeer}, which this module does not depend on.)
 */
final class TwistedServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private TwistedServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts {@code script server args...} and waits, at most 30 s, for its port. */
  static TwistedServer start(String script, String... args) throws IOException {
    Path path = Path.of(System.getProperty("spindle.peers", "../interop-tests/src/test/python")).resolve(script);
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("peer script not found: " + path.toAbsolutePath());
    }
    List<String> cmd = new ArrayList<>(List.of(System.getProperty("spindle.python", "/usr/bin/python3"),
        path.toString(), "server"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    List<String> early = Collections.synchronizedList(new ArrayList<>());
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          if (!port.isDone() && line.startsWith("PORT ")) {
            port.complete(Integer.parseInt(line.substring(5).trim()));
          } else {
            early.add(line);
          }
        }
      } catch (IOException | RuntimeException e) {
        port.completeExceptionally(e);
      }
      port.completeExceptionally(new IllegalStateException("the server exited before listening: " + early));
    }, "twisted-" + script);
    reader.setDaemon(true);
    reader.start();
    try {
      return new TwistedServer(p, port.get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException("Twisted server " + script
          + " did not start (is python3-twisted installed? run ./run-tests): " + e + " " + early, e);
    }
  }

  /** {@code 127.0.0.1:<port>}. */
  String address() {
    return "127.0.0.1:" + port;
  }

  /** Closes the server's standard input, which stops it; kills it if it is still running 5 s later. */
  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
