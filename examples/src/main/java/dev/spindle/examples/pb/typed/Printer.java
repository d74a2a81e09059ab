package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** {@code pb2server.py}'s and {@code pb3client.py}'s Two: {@code def remote_print(self, arg)}. */
@RemoteInterface
public interface Printer {
  /** Prints {@code arg}; answers None. */
  CompletableFuture<Void> print(Object arg);
}
