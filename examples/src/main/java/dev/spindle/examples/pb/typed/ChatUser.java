package dev.spindle.examples.pb.typed;

import dev.spindle.pb.flavors.Default;
import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** {@code chatserver.py}'s User avatar: {@code def perspective_joinGroup(self, groupname, allowMattress=True)}. */
@RemoteInterface
public interface ChatUser {
  /** Joins (or opens) {@code groupname}; answers the group as a view ({@link ChatGroup}). */
  CompletableFuture<Object> joinGroup(String groupname, @Default("True") boolean allowMattress);
}
