package dev.spindle.amp.internal.log;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets at most {@code permits} log lines through per {@code period} and counts the ones it holds
 * back, so that a peer cannot flood the log however fast it sends: a line that is let through
 * reports how many were held back before it.
 *
 * <pre>{@code
 * long suppressed = LIMITER.acquire();
 * if (suppressed >= 0) {
 *   logger.warn("... ({} similar lines suppressed)", suppressed);
 * }
 * }</pre>
 *
 * <p>Thread-safe and lock-free (safe on an event loop). The window is fixed, not sliding: at most
 * {@code 2 * permits} lines pass in any {@code period}. (PB has its own copy; both belong in the
 * shared transport module once it exists.)
 */
public final class LogLimiter {
  private final int permits;
  private final long periodNanos;
  private final AtomicLong windowStart;
  private final AtomicInteger used = new AtomicInteger();
  private final AtomicLong suppressed = new AtomicLong();

  /**
   * Creates a limiter of {@code permits} lines per {@code period}.
   *
   * @throws IllegalArgumentException if {@code permits} is below 1 or {@code period} not positive
   */
  public LogLimiter(int permits, Duration period) {
    if (permits < 1) {
      throw new IllegalArgumentException("permits: " + permits + " (expected: >= 1)");
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period: " + period + " (expected: > 0)");
    }
    this.permits = permits;
    this.periodNanos = period.toNanos();
    this.windowStart = new AtomicLong(System.nanoTime());
  }

  /**
   * Asks to log one line: returns -1 if it must be dropped (and counts it), else the number of
   * lines dropped since the last one let through (and resets that count).
   */
  public long acquire() {
    long now = System.nanoTime();
    long start = windowStart.get();
    if (now - start >= periodNanos && windowStart.compareAndSet(start, now)) {
      used.set(0);
    }
    if (used.incrementAndGet() > permits) {
      suppressed.incrementAndGet();
      return -1;
    }
    return suppressed.getAndSet(0);
  }

  /**
   * Returns {@code text} fit for one log line: at most {@code maxChars} characters (then "..."),
   * control characters escaped as {@code \xNN}, so a peer's text cannot forge log lines.
   */
  public static String sanitize(String text, int maxChars) {
    if (text == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(Math.min(text.length(), maxChars) + 8);
    for (int i = 0; i < text.length(); i++) {
      if (sb.length() >= maxChars) {
        return sb.append("...").toString();
      }
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
        sb.append(String.format("\\x%02x", (int) c & 0xffff));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
