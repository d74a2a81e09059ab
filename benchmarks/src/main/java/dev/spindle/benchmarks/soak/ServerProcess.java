package dev.spindle.benchmarks.soak;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link SoakServer} in a child JVM with a bounded heap, on this JVM's class path. Its stderr
 * goes to this process's; stdin carries the {@code STATS} requests and closing it stops it.
 */
final class ServerProcess implements AutoCloseable {
  /** One {@code STATS} answer. */
  record Stats(int ampConnections, int pbConnections, long ampAnswered, long pbAnswered,
      long heapAfterGc, long maxHeap) {}

  private final Process process;
  private final BufferedReader out;
  private final Writer in;
  final int ampPort;
  final int pbPort;

  ServerProcess(String maxHeap, int threads) throws IOException {
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx" + maxHeap, "-Xms" + maxHeap,
        "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"), SoakServer.class.getName(),
        Integer.toString(threads)));
    process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    String line = out.readLine();
    if (line == null || !line.startsWith("PORTS ")) {
      process.destroyForcibly();
      throw new IOException("server process said " + line);
    }
    String[] p = line.split(" ");
    ampPort = Integer.parseInt(p[1]);
    pbPort = Integer.parseInt(p[2]);
  }

  /** Asks for the counters and the heap after a full GC. */
  synchronized Stats stats() throws IOException {
    in.write("STATS\n");
    in.flush();
    String line = out.readLine();
    if (line == null || !line.startsWith("STATS ")) {
      throw new IOException("server process said " + line);
    }
    String[] s = line.split(" ");
    return new Stats(Integer.parseInt(s[1]), Integer.parseInt(s[2]), Long.parseLong(s[3]),
        Long.parseLong(s[4]), Long.parseLong(s[5]), Long.parseLong(s[6]));
  }

  @Override
  public void close() throws IOException {
    in.close();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
