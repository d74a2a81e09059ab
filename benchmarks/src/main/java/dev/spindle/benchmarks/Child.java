package dev.spindle.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A child process of the load tool (a server JVM, a Twisted server or client), its output lines
 * kept as they come (stdout and stderr merged). Every child still alive when this JVM exits, by
 * any path (end, exception, Ctrl-C), is killed by a shutdown hook; a server child also stops by
 * itself when its stdin closes, which {@link #close()} does.
 */
final class Child implements AutoCloseable {
  private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(Child::killAll, "kill-load-children"));
  }

  private final String name;
  private final Process process;
  private final List<String> lines = new ArrayList<>(); // guarded by itself
  private final Thread reader;

  private Child(String name, Process process) {
    this.name = name;
    this.process = process;
    this.reader = new Thread(this::read, "load-child-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code command}; the caller closes it. */
  static Child start(String name, List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    LIVE.add(p);
    return new Child(name, p);
  }

  private void read() {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        synchronized (lines) {
          lines.add(line);
          lines.notifyAll();
        }
      }
    } catch (IOException ignored) {
      // the process is gone
    }
  }

  /**
   * Waits, at most {@code timeoutSeconds}, for a line starting with {@code prefix} and returns it.
   *
   * @throws TimeoutException if none came, or the process ended first
   */
  String awaitLine(String prefix, long timeoutSeconds)
      throws InterruptedException, TimeoutException {
    return awaitLine(prefix, 0, timeoutSeconds);
  }

  /**
   * Writes {@code command} as a line to its stdin and waits, at most {@code timeoutSeconds}, for
   * the next line that starts with {@code replyPrefix}.
   */
  String request(String command, String replyPrefix, long timeoutSeconds)
      throws IOException, InterruptedException, TimeoutException {
    int from;
    synchronized (lines) {
      from = lines.size();
    }
    OutputStream in = process.getOutputStream();
    in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    return awaitLine(replyPrefix, from, timeoutSeconds);
  }

  private String awaitLine(String prefix, int from, long timeoutSeconds)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    synchronized (lines) {
      for (int seen = from; ; ) {
        for (; seen < lines.size(); seen++) {
          if (lines.get(seen).startsWith(prefix)) {
            return lines.get(seen);
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
          throw new TimeoutException(
              name + " printed no \"" + prefix + "\" line"
                  + (process.isAlive() ? " in " + timeoutSeconds + " s" : " before it exited")
                  + "; its output: " + lines);
        }
        TimeUnit.NANOSECONDS.timedWait(lines, Math.min(left, TimeUnit.MILLISECONDS.toNanos(200)));
      }
    }
  }

  /**
   * Waits, at most {@code timeoutSeconds}, for the process to exit, then for its output.
   *
   * @return the exit code
   * @throws TimeoutException if it is still running (it is then killed)
   */
  int waitFor(long timeoutSeconds) throws InterruptedException, TimeoutException {
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      kill(process);
      throw new TimeoutException(name + " still running after " + timeoutSeconds + " s: " + lines());
    }
    LIVE.remove(process);
    reader.join(5_000);
    return process.exitValue();
  }

  /** Output lines so far. */
  List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  String name() {
    return name;
  }

  /** Closes its stdin (a server's signal to stop), waits at most 5 s, then kills it. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        kill(process);
      }
    } catch (IOException e) {
      kill(process);
    } catch (InterruptedException e) {
      kill(process);
      Thread.currentThread().interrupt();
    } finally {
      LIVE.remove(process);
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LIVE.remove(p);
  }

  private static void killAll() {
    for (Process p : List.copyOf(LIVE)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }
}
