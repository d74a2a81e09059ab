package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** {@code cache_receiver.py}'s root: watches a {@link DuckPond} it is given. */
@RemoteInterface
public interface DuckWatcher {
  /**
   * Keeps {@code pond}: the sender's Cacheable travels as a cache, and arrives as this side's
   * copy (a {@code RemoteCache} implementing {@link DuckPond}).
   */
  CompletableFuture<Void> takePond(DuckPond pond);

  /** Prints the ducks of the copy. */
  CompletableFuture<Void> checkDucks();

  /** Drops the copy: the owner stops observing it. */
  CompletableFuture<Void> ignorePond();

  /** Stops the receiver; the answer may never come. */
  CompletableFuture<Void> shutdown();
}
