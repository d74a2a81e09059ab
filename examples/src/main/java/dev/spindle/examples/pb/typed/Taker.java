package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** {@code pb3server.py}'s One: calls the client's Two. */
@RemoteInterface
public interface Taker {
  /** Calls {@code two.print(12)}; answers when it has answered. */
  CompletableFuture<Void> takeTwo(Printer two);
}
