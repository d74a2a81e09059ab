package dev.spindle.benchmarks.soak;

import java.lang.management.ManagementFactory;

/** Heap figures of this JVM. */
final class Heap {
  private Heap() {}

  /** Bytes of heap in use after full collections (System.gc, twice: finalizable garbage too). */
  static long usedAfterGc() {
    for (int i = 0; i < 2; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The maximum heap (-Xmx). */
  static long max() {
    return Runtime.getRuntime().maxMemory();
  }

  static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
