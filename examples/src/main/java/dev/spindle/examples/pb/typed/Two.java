package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** {@code pb1server.py}'s Two: {@code def remote_three(self, arg)}. */
@RemoteInterface
public interface Two {
  /** Prints {@code arg}; answers None. */
  CompletableFuture<Void> three(Object arg);
}
