package dev.spindle.pb.flavors;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.jelly.Jellier;

/**
 * An object copied once per connection and then kept up to date: the first time it is sent on a
 * connection the peer gets {@code [typeName, luid, state]} and builds a {@link RemoteCache}; later
 * sendings are {@code ["cached", luid]}. With the state, the object is handed a {@link
 * RemoteCacheObserver} through which it pushes updates to that peer's copy. When the peer has
 * released every copy (or the connection is lost), {@link #stoppedObserving} is called with the
 * same observer. Twisted equivalent: {@code pb.Cacheable}.
 *
 * <p>Called on the event loop of the connection sending it; an object observed by several
 * connections is called on several loops, so keep its observer list thread-safe.
 */
public interface Cacheable extends Copyable {
  /**
   * The state to send to {@code perspective} the first time, and the observer of the peer's copy
   * to keep for updates ({@code observer.callRemote("setValue", v)} calls {@code
   * observe_setValue(v)} there).
   *
   * @param perspective the avatar the object is sent to, or {@code null} outside an avatar's call
   * @param observer the handle on the peer's new copy; keep it to push updates
   * @return the state, jellied like any value (for Twisted, usually a {@code Map<String, ?>})
   */
  Object getStateToCacheAndObserveFor(Object perspective, RemoteCacheObserver observer);

  /**
   * The peer released its last copy, or the connection was lost. Default: nothing.
   *
   * @param perspective the avatar the object was sent to, or {@code null}, as given with the state
   * @param observer the observer given with the state; it no longer reaches a copy
   */
  default void stoppedObserving(Object perspective, RemoteCacheObserver observer) {}

  /**
   * Not used by PB for a Cacheable, which sends {@link #getStateToCacheAndObserveFor}; the
   * default refuses.
   */
  @Override
  default Object getStateToCopyFor(Object perspective) {
    throw new UnsupportedOperationException(
        getClass().getName() + " is a Cacheable: PB sends getStateToCacheAndObserveFor");
  }

  /** Writes the full state the first time on a connection, {@code ["cached", luid]} afterwards. */
  @Override
  default Sexp jellyFor(Jellier jellier) {
    return Flavors.broker(jellier, this).jellyCacheable(this, jellier);
  }

  /** True the first time on a connection (the state may refer back to it), false afterwards. */
  @Override
  default boolean tracksIdentity(Jellier jellier) {
    return Flavors.broker(jellier, this).isNewCacheable(this);
  }
}
