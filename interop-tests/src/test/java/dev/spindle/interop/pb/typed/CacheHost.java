package dev.spindle.interop.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** Hands out a Cacheable typed as a remote interface: it travels as a cache, not a reference. */
@RemoteInterface
public interface CacheHost {
  /** The host's {@link ShapesRoot} Cacheable; the caller receives its own copy. */
  CompletableFuture<ShapesRoot> shapes();
}
