package dev.spindle.transport.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One server's budget for the bytes its connections hold in unfinished frames (an AMP box or a
 * Banana expression that started and has not ended). Each connection's {@link InboundFrames}
 * reports what it holds; while the total stays within the limit that is one atomic add per change
 * and nothing else (no lock on any event loop). Past the limit, on a rare slow path run by the
 * thread that crossed it, the connection holding the most is closed (not the newcomer: the one
 * that costs most) and its bytes are taken off the total at once, so the others keep being served.
 * Thread-safe.
 */
public final class MemoryBudget {
  private final long limit;
  private final AtomicLong total = new AtomicLong();
  private final Set<InboundFrames> holders = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean shedding = new AtomicBoolean();

  /** @param limit the most bytes all connections together may hold; > 0 */
  public MemoryBudget(long limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
    }
    this.limit = limit;
  }

  /**
   * The bytes held now, all connections together.
   *
   * @return the bytes held, 0 or more; may pass the limit briefly
   */
  public long total() {
    return total.get();
  }

  /**
   * The limit.
   *
   * @return the limit in bytes, positive
   */
  public long limit() {
    return limit;
  }

  void register(InboundFrames f) {
    holders.add(f);
  }

  void deregister(InboundFrames f) {
    holders.remove(f);
  }

  /** {@code f} holds {@code delta} more bytes (or fewer, if negative). */
  void add(long delta) {
    long t = total.addAndGet(delta);
    if (delta > 0 && t > limit) {
      shed();
    }
  }

  /** Closes the biggest holders until the total is within the limit again. */
  private void shed() {
    if (!shedding.compareAndSet(false, true)) {
      return; // another thread is at it
    }
    try {
      while (total.get() > limit) {
        InboundFrames biggest = null;
        long most = 0;
        for (InboundFrames f : holders) {
          long h = f.held();
          if (h > most) {
            most = h;
            biggest = f;
          }
        }
        if (biggest == null || !biggest.evict(total.get(), limit)) {
          return;
        }
      }
    } finally {
      shedding.set(false);
    }
  }
}
