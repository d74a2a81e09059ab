package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** {@code pb1server.py}'s root: {@code getTwo()} answers another remote object. */
@RemoteInterface
public interface One {
  /** A {@link Two}: sent as a reference, received as a stub. */
  CompletableFuture<Two> getTwo();
}
