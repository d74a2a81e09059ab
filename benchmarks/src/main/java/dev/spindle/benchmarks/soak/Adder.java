package dev.spindle.benchmarks.soak;

import dev.spindle.pb.flavors.Root;
import java.util.concurrent.atomic.LongAdder;

/** The PB root of {@link SoakServer}: {@code remote_add(a, b)}, counting the calls it answers. */
public final class Adder implements Root {
  private final LongAdder answered;

  Adder(LongAdder answered) {
    this.answered = answered;
  }

  /** Twisted: {@code def remote_add(self, a, b)}. */
  public long remote_add(long a, long b) {
    answered.increment();
    return a + b;
  }
}
