package dev.spindle.pb.broker;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JVM-wide second gate behind the per-connection {@link LogRateLimiter}s: at most {@code
 * permits} lines per interval across all connections, since a peer can open connections at will
 * and each would otherwise get its own line (the attack suite saw 1,197 WARN lines in 2 s from as
 * many connections). Thread-safe and lock-free. Belongs in the shared transport with AMP's
 * {@code LogLimiter}.
 */
final class SharedLogGate {
  private final int permits;
  private final long intervalNanos;
  private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
  private final AtomicInteger used = new AtomicInteger();
  private final AtomicLong dropped = new AtomicLong();

  SharedLogGate(int permits, long interval, TimeUnit unit) {
    this.permits = permits;
    this.intervalNanos = unit.toNanos(interval);
  }

  /** -1 if the line must be dropped (counted); else the lines dropped since the last one let through. */
  long acquire() {
    long now = System.nanoTime();
    long start = windowStart.get();
    if (now - start >= intervalNanos && windowStart.compareAndSet(start, now)) {
      used.set(0);
    }
    if (used.incrementAndGet() > permits) {
      dropped.incrementAndGet();
      return -1;
    }
    return dropped.getAndSet(0);
  }

  /** " (N such lines of other connections dropped)" or "". */
  static String droppedText(long n) {
    return n <= 0 ? "" : " (" + n + " such lines of other connections dropped)";
  }
}
