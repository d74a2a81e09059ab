package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** The remote interface of {@code pbsimple.py}'s Echoer: {@code def remote_echo(self, st)}. */
@RemoteInterface
public interface Echoer {
  /** Answers {@code st}. */
  CompletableFuture<String> echo(String st);
}
