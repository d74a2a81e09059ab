package dev.spindle.pb.broker;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Lets at most one log line through per interval, and counts the others, so that a peer that
 * can make a connection log at will cannot flood the log. One instance per connection and kind
 * of event:
 *
 * <pre>{@code
 * if (limiter.permit()) {
 *   long more = limiter.suppressed(); // refused since the last line that got through
 *   logger.warn("... {}", more == 0 ? "" : "(" + more + " more since the last warning, at DEBUG)");
 * } else {
 *   logger.debug(...);
 * }
 * }</pre>
 *
 * <p>The first event always gets through; then one per {@code interval}, which reports how many
 * were refused before it. {@link #pending()} is what is still unreported (for a summary when the
 * connection closes). Not thread-safe: use it on the connection's event loop. No allocation.
 *
 * <p>Kept package-private here until the transport shared by AMP and PB exists; it belongs there
 * (AMP's dispatcher needs the same).
 */
final class LogRateLimiter {
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private boolean started;
  private long lastPermit;
  private long refused;
  private long reported;

  /** A limiter of one line per {@code interval} {@code unit}s, on {@link System#nanoTime}. */
  LogRateLimiter(long interval, TimeUnit unit) {
    this(unit.toNanos(interval), System::nanoTime);
  }

  LogRateLimiter(long intervalNanos, LongSupplier nanoTime) {
    if (intervalNanos < 0) {
      throw new IllegalArgumentException("interval: " + intervalNanos + " ns (expected: >= 0)");
    }
    this.intervalNanos = intervalNanos;
    this.nanoTime = nanoTime;
  }

  /** Counts one event; true if it may be logged (then {@link #suppressed()} says how many were not). */
  boolean permit() {
    long now = nanoTime.getAsLong();
    if (!started || now - lastPermit >= intervalNanos) {
      started = true;
      lastPermit = now;
      reported = refused;
      refused = 0;
      return true;
    }
    refused++;
    return false;
  }

  /** The events refused before the one {@link #permit()} last let through. */
  long suppressed() {
    return reported;
  }

  /** The events refused since the last one let through, and forgets them (for a final summary). */
  long takePending() {
    long n = refused;
    refused = 0;
    return n;
  }

  /** The interval, in seconds (for messages). */
  long intervalSeconds() {
    return TimeUnit.NANOSECONDS.toSeconds(intervalNanos);
  }
}
