package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** {@code copy_receiver.tac}'s root: takes a {@link Pond} by value. */
@RemoteInterface
public interface PondReceiver {
  /** Counts the pond's frogs; answers "safe and sound". */
  CompletableFuture<String> takePond(Pond pond);
}
