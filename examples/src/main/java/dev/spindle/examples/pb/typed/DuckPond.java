package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;

/**
 * {@code cache_classes.py}'s duck pond as a remote interface: the updates the owner's {@link
 * TypedCache.MasterDuckPond} makes, and that each receiver's {@link TypedCache.SlaveDuckPond}
 * runs as {@code observe_addDuck} and {@code observe_removeDuck}. Both classes implement it.
 *
 * <p>The methods are {@code void}: the owner asks no answer ({@code pbanswer=False}), where the
 * howto's {@code o.callRemote("addDuck", duck)} asks one and drops it. Declare them {@code
 * CompletableFuture<Void>} for the howto's exact bytes.
 */
@RemoteInterface
public interface DuckPond {
  /** A duck arrives. */
  void addDuck(String duck);

  /** A duck leaves. */
  void removeDuck(String duck);
}
