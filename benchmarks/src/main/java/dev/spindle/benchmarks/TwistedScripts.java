package dev.spindle.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The Twisted 22.4 peers of {@link SideBySide}: our scripts {@code amp_bench.py}, {@code
 * pb_bench.py} and {@code bench_support.py} (from {@code src/main/python}, packaged under {@code
 * python/}), copied to a temporary directory and run with Debian's {@code /usr/bin/python3}.
 */
final class TwistedScripts implements AutoCloseable {
  private static final List<String> SCRIPTS =
      List.of("bench_support.py", "amp_bench.py", "pb_bench.py");

  private final String python;
  private final Path dir;

  private TwistedScripts(String python, Path dir) {
    this.python = python;
    this.dir = dir;
  }

  /** Copies the scripts out of the class path (deleted by {@link #close()} or at exit). */
  static TwistedScripts extract(String python) throws IOException {
    Path dir = Files.createTempDirectory("spindle-bench-py");
    dir.toFile().deleteOnExit(); // also on Ctrl-C; deleted after the files registered below
    for (String name : SCRIPTS) {
      dir.resolve(name).toFile().deleteOnExit();
      try (InputStream in = TwistedScripts.class.getResourceAsStream("/python/" + name)) {
        if (in == null) {
          throw new IOException("python/" + name + " is not on the class path (build the module)");
        }
        Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return new TwistedScripts(python, dir);
  }

  /** Starts {@code <protocol script> server}; the caller awaits its {@code PORT n} line. */
  Child startServer(Scenario.Protocol protocol, double lifetimeSeconds) throws IOException {
    return Child.start("Twisted " + protocol.id + " server", List.of(
        python, "-B", "-u", dir.resolve(protocol.script).toString(), "server",
        "--lifetime", Double.toString(lifetimeSeconds)));
  }

  /**
   * Runs the Twisted client of {@code scenario} against 127.0.0.1:{@code port} to its end
   * (bounded) and returns the figures it printed.
   */
  Figures measure(Scenario scenario, int port, double warmup, double seconds, int rounds)
      throws Exception {
    List<String> cmd = new ArrayList<>(List.of(
        python, "-B", "-u", dir.resolve(scenario.protocol.script).toString(), "client",
        Integer.toString(port), scenario.twistedCall(),
        "--warmup", Double.toString(warmup),
        "--seconds", Double.toString(seconds),
        "--rounds", Integer.toString(rounds),
        "--connections", Integer.toString(scenario.connections),
        "--inflight", Integer.toString(scenario.inflight),
        "--payload", Integer.toString(scenario.payload)));
    try (Child client = Child.start("Twisted " + scenario.id + " client", cmd)) {
      long bound = (long) (warmup + rounds * seconds) + 90;
      int code = client.waitFor(bound);
      String result = client.lines().stream()
          .filter(l -> l.startsWith("RESULT "))
          .findFirst()
          .orElse(null);
      if (code != 0 || result == null) {
        throw new IllegalStateException(
            client.name() + " exited with " + code + ": " + client.lines());
      }
      return Figures.parse(result);
    }
  }

  @Override
  public void close() throws IOException {
    for (String name : SCRIPTS) {
      Files.deleteIfExists(dir.resolve(name));
    }
    Files.deleteIfExists(dir);
  }
}
