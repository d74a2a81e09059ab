package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** {@code trap_server.py}'s root. */
@RemoteInterface
public interface Trappable {
  /** Answers "response", or fails with {@code MyException} for "panic!". */
  CompletableFuture<String> fooMethod(Object arg);

  /** Stops the server; asks no answer. */
  void shutdown();
}
