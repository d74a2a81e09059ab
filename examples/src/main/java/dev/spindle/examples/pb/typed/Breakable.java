package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** {@code exc_server.py}'s root: both methods fail. */
@RemoteInterface
public interface Breakable {
  /** Fails with an expected error ({@code MyError}, a {@code pb.Error}). */
  CompletableFuture<Void> broken();

  /** Fails with an unexpected one ({@code MyError2}). */
  CompletableFuture<Void> broken2();
}
