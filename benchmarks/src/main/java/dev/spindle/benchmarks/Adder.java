package dev.spindle.benchmarks;

import dev.spindle.pb.flavors.Root;

/** The PB load root: {@code remote_add(a, b)}, as Twisted's {@code def remote_add(self, a, b)}. */
public final class Adder implements Root {
  public long remote_add(long a, long b) {
    return a + b;
  }
}
