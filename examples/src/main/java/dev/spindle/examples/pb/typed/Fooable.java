package dev.spindle.examples.pb.typed;

import dev.spindle.pb.typed.RemoteInterface;
import java.util.concurrent.CompletableFuture;

/** The cred howto's {@code MyPerspective}: {@code def perspective_foo(self, arg)}. */
@RemoteInterface
public interface Fooable {
  /** Prints who the avatar is and {@code arg}; answers None. */
  CompletableFuture<Void> foo(Object arg);
}
