package dev.spindle.pb.broker;

import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.flavors.internal.RemoteCacheLink;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A RemoteCache this side received (Twisted's {@code locallyCachedObjects} entry): the instance,
 * its luid on the peer, and the copies received and not yet released. Kept until the owner's
 * {@code uncache} or the connection's end, as Twisted keeps its root copy.
 */
final class ImportedCache implements RemoteCacheLink {
  final Broker broker;
  final long luid;
  final RemoteCache cache;
  /** Changed on the event loop only; read anywhere. */
  final AtomicInteger copies = new AtomicInteger(1);
  /** The owner sent {@code uncache}, or the connection is gone. Event-loop confined. */
  boolean detached;
  /** What its {@code observe_} calls run on, once known ({@link ObservedCaches}). Event loop. */
  private Object observed;

  ImportedCache(Broker broker, long luid, RemoteCache cache) {
    this.broker = broker;
    this.luid = luid;
    this.cache = cache;
  }

  /**
   * The object the owner's {@code observe_} calls run on: the cache, or the generated skeleton of
   * its remote interface. Event loop.
   *
   * @throws IllegalArgumentException if the cache's class cannot be observed
   */
  Object observed() {
    Object o = observed;
    if (o == null) {
      o = ObservedCaches.of(cache);
      observed = o;
    }
    return o;
  }

  @Override
  public Object broker() {
    return broker;
  }

  @Override
  public long luid() {
    return luid;
  }

  @Override
  public int copies() {
    return copies.get();
  }

  @Override
  public void release() {
    broker.execute(this::releaseOne);
  }

  /** Gives back one copy: one {@code decache}. Event loop. */
  void releaseOne() {
    if (detached || copies.get() == 0) {
      return;
    }
    copies.decrementAndGet();
    broker.sendDecache(luid);
  }
}
