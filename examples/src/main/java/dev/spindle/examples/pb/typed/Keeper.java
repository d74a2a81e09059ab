package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/**
 * {@code pb2server.py}'s One: hands out its Two and recognizes it when it comes back. A {@link
 * Printer} sent back to its owner arrives as the owner's own object, not as a stub.
 */
@RemoteInterface
public interface Keeper {
  /** The server's Two, as a reference. */
  CompletableFuture<Printer> getTwo();

  /** Compares {@code newtwo} with the server's Two. */
  CompletableFuture<Void> checkTwo(Printer newtwo);
}
