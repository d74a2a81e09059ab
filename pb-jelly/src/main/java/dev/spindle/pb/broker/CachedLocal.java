package dev.spindle.pb.broker;

import dev.spindle.pb.flavors.Cacheable;

/**
 * A Cacheable of this side that the peer holds copies of (Twisted's {@code
 * remotelyCachedObjects} entry): its luid, the copies the peer counts, and its observer.
 * Event-loop confined except for {@link CacheObserver#isObserving()}.
 */
final class CachedLocal {
  final long luid;
  final Cacheable cacheable;
  final CacheObserver observer;
  int count = 1;

  CachedLocal(long luid, Cacheable cacheable, CacheObserver observer) {
    this.luid = luid;
    this.cacheable = cacheable;
    this.observer = observer;
  }
}
