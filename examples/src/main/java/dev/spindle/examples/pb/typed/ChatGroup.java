package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/**
 * {@code chatserver.py}'s Group, a Viewable: {@code def view_send(self, from_user, message)}. The
 * sender is the caller's perspective, which chooses the target: the interface does not name it.
 */
@RemoteInterface
public interface ChatGroup {
  /** Sends {@code "<sender> says: message"} to every member. */
  CompletableFuture<Void> send(String message);
}
