package dev.spindle.benchmarks;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** The PB load root as a remote interface: {@code def remote_add(self, a, b)}. */
@RemoteInterface
public interface TypedAdder {
  /** {@code a + b}. */
  CompletableFuture<Long> add(long a, long b);
}
