package dev.spindle.interop.pb.typed;

import dev.spindle.pb.flavors.Remote;
import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** {@link ShapesRoot#increment} seen through a narrower result type, to see the range check. */
@RemoteInterface
public interface Narrow {
  @Remote("increment")
  CompletableFuture<Byte> incrementByte(long by);
}
