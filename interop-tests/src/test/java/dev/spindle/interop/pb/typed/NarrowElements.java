package dev.spindle.interop.pb.typed;

import dev.spindle.pb.flavors.Remote;
import dev.spindle.pb.typed.RemoteInterface;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@link Elementwise#groups} seen through a narrower element type, to see the element check. */
@RemoteInterface
public interface NarrowElements {
  @Remote("groups")
  CompletableFuture<Map<String, List<Integer>>> intGroups(Map<String, List<Long>> groups);
}
