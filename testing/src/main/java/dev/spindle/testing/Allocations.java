package dev.spindle.testing;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the current thread (HotSpot's per-thread counter), for the fuzz tests'
 * invariant that nothing is allocated in proportion to a length the input only claims.
 */
public final class Allocations {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocations() {}

  /** Bytes allocated by the current thread so far. */
  public static long current() {
    return THREADS.getCurrentThreadAllocatedBytes();
  }
}
