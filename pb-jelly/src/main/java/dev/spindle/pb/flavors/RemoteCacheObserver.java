package dev.spindle.pb.flavors;

import java.util.concurrent.CompletableFuture;

/**
 * The owner's handle on one peer's copy of a {@link Cacheable}, given to {@link
 * Cacheable#getStateToCacheAndObserveFor}: {@link #callRemote} sends {@code cachemessage}, which
 * calls {@code observe_<name>} on the peer's {@link RemoteCache}. Twisted equivalent: {@code
 * flavors.RemoteCacheObserver}.
 *
 * <p>Thread-safe; the future completes on the connection's event loop. The observer passed to
 * {@link Cacheable#stoppedObserving} is the same instance.
 */
public interface RemoteCacheObserver {
  /**
   * Calls {@code observe_<method>(args...)} on the peer's copy. Fails with {@code
   * DeadReferenceException} once the peer has released the cache or the connection is lost.
   *
   * @param method the method name without its {@code observe_} prefix
   * @param args the arguments, jellied like any value
   * @return a future that completes with the copy's answer, or exceptionally with a {@code
   *     DeadReferenceException} or the remote failure
   */
  CompletableFuture<Object> callRemote(String method, Object... args);

  /** {@return the perspective this copy was sent to (null outside an avatar's call)} */
  Object perspective();

  /** {@return true while the peer holds the copy and the connection is open} */
  boolean isObserving();
}
