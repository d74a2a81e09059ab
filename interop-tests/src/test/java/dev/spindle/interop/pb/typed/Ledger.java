package dev.spindle.interop.pb.typed;

import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** A remote interface with a call that asks no answer and one that calls a reference back. */
@RemoteInterface
public interface Ledger {
  /** Sent with {@code callRemoteNoAnswer}. */
  void note(String text, int times);

  /** Calls {@code counter} (a {@link ShapesRoot}) back: {@code increment(by)}. */
  CompletableFuture<Long> incrementThere(RemoteReference counter, long by);
}
