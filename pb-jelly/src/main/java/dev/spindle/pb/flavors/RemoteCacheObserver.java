package dev.spindle.pb.flavors;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The owner's handle on one peer's copy of a {@link Cacheable}, given to {@link
 * Cacheable#getStateToCacheAndObserveFor}: {@link #callRemote} sends {@code cachemessage}, which
 * calls {@code observe_<name>} on the peer's {@link RemoteCache}. Twisted equivalent: {@code
 * flavors.RemoteCacheObserver}.
 *
 * <p>Thread-safe; the future completes on the connection's event loop. The observer passed to
 * {@link Cacheable#stoppedObserving} is the same instance.
 *
 * <p>Typed: when the peer's copy implements a {@link dev.spindle.pb.typed.RemoteInterface remote
 * interface}, {@code <Interface>_PbStub.observer(observer)} calls it through that interface
 * ({@code pond.addDuck("ugly duckling")} sends {@code addDuck}, run there as {@code
 * observe_addDuck}), with no method names as strings.
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

  /**
   * Calls {@code observe_<method>(*args, **kwargs)} on the peer's copy, keywords sent in the
   * map's order.
   *
   * @param method the method's name, without the {@code observe_} prefix
   * @param args the positional arguments, each a value Jelly can carry; not null
   * @param kwargs the keyword arguments by name; not null, may be empty
   * @return a future that completes with the peer's answer, or fails with the peer's failure, a
   *     {@code DeadReferenceException} once the copy is gone, or the connection's loss
   */
  CompletableFuture<Object> callRemoteWithKeywords(String method, List<?> args,
      Map<String, ?> kwargs);

  /**
   * Calls {@code observe_<method>(args...)} without asking for an answer (Twisted's {@code
   * pbanswer=False}); the future completes once the message is written, or fails if it could not
   * be sent.
   *
   * @param method the method's name, without the {@code observe_} prefix
   * @param args the positional arguments, each a value Jelly can carry
   * @return a future that completes once the message is written, or fails if it could not be sent
   */
  CompletableFuture<Void> callRemoteNoAnswer(String method, Object... args);

  /**
   * {@link #callRemoteNoAnswer} with keywords, sent in the map's order.
   *
   * @param method the method's name, without the {@code observe_} prefix
   * @param args the positional arguments; not null
   * @param kwargs the keyword arguments by name; not null, may be empty
   * @return a future that completes once the message is written, or fails if it could not be sent
   */
  CompletableFuture<Void> callRemoteNoAnswerWithKeywords(String method, List<?> args,
      Map<String, ?> kwargs);

  /** {@return the perspective this copy was sent to (null outside an avatar's call)} */
  Object perspective();

  /** {@return true while the peer holds the copy and the connection is open} */
  boolean isObserving();
}
