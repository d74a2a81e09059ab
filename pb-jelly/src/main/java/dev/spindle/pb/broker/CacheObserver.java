package dev.spindle.pb.broker;

import dev.spindle.pb.exceptions.DeadReferenceException;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.RemoteCacheObserver;
import dev.spindle.pb.jelly.Tuple;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The observer of one peer's copy of a Cacheable: {@code callRemote} sends {@code cachemessage}.
 * Twisted equivalent: {@code flavors.RemoteCacheObserver}. Thread-safe: calls are handed to the
 * connection's event loop.
 */
final class CacheObserver implements RemoteCacheObserver {
  private final Broker broker;
  private final Cacheable cacheable;
  private final Object perspective;
  volatile boolean observing = true;

  CacheObserver(Broker broker, Cacheable cacheable, Object perspective) {
    this.broker = broker;
    this.cacheable = cacheable;
    this.perspective = perspective;
  }

  @Override
  public CompletableFuture<Object> callRemote(String method, Object... args) {
    return call(method, Tuple.of(args), Map.of(), true);
  }

  @Override
  public CompletableFuture<Object> callRemoteWithKeywords(String method, List<?> args,
      Map<String, ?> kwargs) {
    return call(method, Tuple.copyOf(args), kwargs.isEmpty() ? Map.of() : new LinkedHashMap<>(kwargs),
        true);
  }

  @Override
  public CompletableFuture<Void> callRemoteNoAnswer(String method, Object... args) {
    return call(method, Tuple.of(args), Map.of(), false).thenApply(v -> null);
  }

  @Override
  public CompletableFuture<Void> callRemoteNoAnswerWithKeywords(String method, List<?> args,
      Map<String, ?> kwargs) {
    return call(method, Tuple.copyOf(args), kwargs.isEmpty() ? Map.of() : new LinkedHashMap<>(kwargs),
        false).thenApply(v -> null);
  }

  /**
   * Sends {@code cachemessage} from the event loop. Without an answer, the future completes with
   * null once the message is written.
   */
  private CompletableFuture<Object> call(String method, Tuple arguments, Map<String, ?> kwargs,
      boolean answer) {
    Objects.requireNonNull(method, "method");
    ObserverCall result = new ObserverCall();
    if (!observing) {
      result.completeExceptionally(stale());
      return result;
    }
    broker.execute(new Broker.Task() {
      @Override
      public void run() {
        broker.sendCacheMessage(CacheObserver.this, method, arguments, kwargs, answer, result);
      }

      @Override
      public void fail(Throwable cause) {
        result.completeExceptionally(cause);
      }
    });
    return result;
  }

  @Override
  public Object perspective() {
    return perspective;
  }

  @Override
  public boolean isObserving() {
    return observing;
  }

  Cacheable cacheable() {
    return cacheable;
  }

  static DeadReferenceException stale() {
    return new DeadReferenceException(
        "You can't call a cached method when the object hasn't been given to the peer yet"
            + " (or the peer has released it)");
  }

  @Override
  public String toString() {
    return "RemoteCacheObserver{" + cacheable + ", perspective=" + perspective + "}";
  }

  /** An observer's call: the caller's future, settled by the broker as the call's callback. */
  private static final class ObserverCall extends CompletableFuture<Object> implements Broker.PendingCall {
    @Override
    public void answered(Object result) {
      complete(result);
    }

    @Override
    public void failed(Throwable failure) {
      completeExceptionally(failure);
    }
  }
}
