package dev.spindle.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Captures what the tests' SLF4J backend (slf4j-simple, which writes every line to {@code
 * System.err} as it is at that moment) logs, from any thread, until closed: swaps {@code
 * System.err} and restores it. Counts lines; keeps the first {@link #MAX_KEPT_BYTES} bytes of
 * text. Tests run one at a time in a fork, so nothing else writes meanwhile.
 *
 * <pre>{@code
 * try (LogCapture log = LogCapture.start()) {
 *   ...
 *   assertTrue(log.lines() < 50, log.text());
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {
  /** Text kept for {@link #text()}; lines are counted beyond it. */
  public static final int MAX_KEPT_BYTES = 1 << 20;

  private final PrintStream original;
  private final Sink sink = new Sink();

  private LogCapture(PrintStream original) {
    this.original = original;
  }

  /** Starts capturing {@code System.err}. */
  public static LogCapture start() {
    LogCapture c = new LogCapture(System.err);
    System.setErr(new PrintStream(c.sink, true, StandardCharsets.UTF_8));
    return c;
  }

  /** Lines written so far. */
  public int lines() {
    synchronized (sink) {
      return sink.lines;
    }
  }

  /** Bytes written so far. */
  public long bytes() {
    synchronized (sink) {
      return sink.bytes;
    }
  }

  /** The text kept so far. */
  public String text() {
    synchronized (sink) {
      return sink.kept.toString(StandardCharsets.UTF_8);
    }
  }

  /** The kept lines that contain {@code s}. */
  public List<String> linesContaining(String s) {
    List<String> out = new ArrayList<>();
    for (String line : text().split("\n")) {
      if (line.contains(s)) {
        out.add(line);
      }
    }
    return out;
  }

  /** Restores {@code System.err}. */
  @Override
  public void close() {
    System.err.flush();
    System.setErr(original);
  }

  private static final class Sink extends OutputStream {
    final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    int lines;
    long bytes;

    @Override
    public synchronized void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          lines++;
        }
      }
      bytes += len;
      int room = MAX_KEPT_BYTES - kept.size();
      if (room > 0) {
        kept.write(b, off, Math.min(room, len));
      }
    }
  }
}
