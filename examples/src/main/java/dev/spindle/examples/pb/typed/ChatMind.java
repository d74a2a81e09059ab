package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** {@code chatclient.py}'s Client, the mind given at login: {@code def remote_print(self, message)}. */
@RemoteInterface
public interface ChatMind {
  /** Prints {@code message}. */
  CompletableFuture<Void> print(String message);
}
