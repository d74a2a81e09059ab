package dev.spindle.benchmarks;

import dev.spindle.pb.flavors.Root;
import java.util.concurrent.atomic.LongAdder;

/**
 * The PB load root: {@code remote_add(a, b)}, as Twisted's {@code def remote_add(self, a, b)}; it
 * counts the calls.
 */
public final class Adder implements Root {
  private final LongAdder calls = new LongAdder();

  public long remote_add(long a, long b) {
    calls.increment();
    return a + b;
  }

  /** Calls answered so far. */
  long calls() {
    return calls.sum();
  }
}
