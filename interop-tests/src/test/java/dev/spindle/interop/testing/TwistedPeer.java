package dev.spindle.interop.testing;

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
import java.util.concurrent.TimeoutException;

/**
 * A real Twisted 22.4 peer: one of our Python scripts in {@code src/test/python}, run with Debian's
 * {@code /usr/bin/python3}. A missing interpreter or Twisted fails the test (CI installs them; the
 * README's test command does too), it never skips.
 *
 * <p>Server mode: the script prints {@code PORT <n>} and serves until its stdin closes, which
 * {@link #close()} does (and then kills it); what it prints meanwhile is kept ({@link #lines()},
 * {@link #awaitLines}). Client mode: {@link #runClient} waits, bounded, for
 * the script to finish and returns its output.
 */
public final class TwistedPeer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final List<String> output;
  private final Thread reader;

  private TwistedPeer(Process process, int port, List<String> output, Thread reader) {
    this.process = process;
    this.port = port;
    this.output = output;
    this.reader = reader;
  }

  /** The Python interpreter: {@code spindle.python}, by default {@code /usr/bin/python3}. */
  public static String python() {
    return System.getProperty("spindle.python", "/usr/bin/python3");
  }

  /** The path of a peer script. */
  public static Path script(String name) {
    Path p = Path.of(System.getProperty("spindle.peers", "src/test/python")).resolve(name);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("peer script not found: " + p.toAbsolutePath());
    }
    return p;
  }

  /** Starts {@code script server ...} and waits (at most 30 s) for the port it listens on. */
  public static TwistedPeer startServer(String script, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(python(), script(script).toString(), "server"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> port = new CompletableFuture<>();
    List<String> early = new ArrayList<>(); // every line but PORT; guarded by itself
    Thread reader =
        new Thread(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  if (!port.isDone() && line.startsWith("PORT ")) {
                    port.complete(Integer.parseInt(line.substring(5).trim()));
                  } else {
                    synchronized (early) {
                      early.add(line);
                      early.notifyAll();
                    }
                  }
                }
              } catch (IOException | RuntimeException e) {
                port.completeExceptionally(e);
              }
              synchronized (early) {
                port.completeExceptionally(
                    new IllegalStateException("peer exited before listening: " + early));
              }
            },
            "twisted-peer-" + script);
    reader.setDaemon(true);
    reader.start();
    try {
      return new TwistedPeer(p, port.get(30, TimeUnit.SECONDS), early, reader);
    } catch (Exception e) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "Twisted peer " + script + " did not start (is python3-twisted installed? run ./run-tests): "
              + e + " " + lines(early), e);
    }
  }

  /** The port the Python server listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /**
   * The server's output lines other than {@code PORT <n>} (stdout and stderr merged), so far;
   * after {@link #close()}, all of them.
   */
  public List<String> lines() {
    return lines(output);
  }

  private static List<String> lines(List<String> output) {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /**
   * Waits, at most {@code timeoutSeconds}, until the server has printed at least {@code count}
   * lines (its PORT line aside), and returns all it has printed.
   *
   * @throws TimeoutException if it has printed fewer lines by then
   */
  public List<String> awaitLines(int count, long timeoutSeconds)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    synchronized (output) {
      while (output.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new TimeoutException(
              "Twisted server printed " + output.size() + " of " + count + " lines: " + output);
        }
        TimeUnit.NANOSECONDS.timedWait(output, left);
      }
      return List.copyOf(output);
    }
  }

  /** The result of a client run. */
  public record ClientRun(int exitCode, List<String> lines) {
    /** The lines that start with {@code prefix}. */
    public List<String> linesStartingWith(String prefix) {
      return lines.stream().filter(l -> l.startsWith(prefix)).toList();
    }
  }

  /**
   * Runs {@code script client args...} to completion, at most {@code timeoutSeconds}; returns its
   * exit code and output lines (stdout and stderr merged).
   */
  public static ClientRun runClient(String script, long timeoutSeconds, String... args)
      throws IOException, InterruptedException, TimeoutException {
    List<String> cmd = new ArrayList<>(List.of(python(), script(script).toString(), "client"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getOutputStream().close();
    List<String> lines = Collections.synchronizedList(new ArrayList<>());
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  lines.add(line);
                }
              } catch (IOException ignored) {
                // the process is gone
              }
            },
            "twisted-client-" + script);
    reader.setDaemon(true);
    reader.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new TimeoutException(
          "Twisted client " + script + " still running after " + timeoutSeconds + " s: " + lines);
    }
    reader.join(5_000);
    return new ClientRun(p.exitValue(), List.copyOf(lines));
  }

  /**
   * Kills the server at once (SIGKILL, no clean shutdown): the kernel closes its sockets, as when
   * a peer process dies mid-call. Waits, at most 10 s, until it is gone.
   */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.getOutputStream().close();
    if (!process.waitFor(5, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
    reader.join(5_000);
  }
}
