package dev.spindle.pb.flavors.internal;

/**
 * The broker's side of one received {@link dev.spindle.pb.flavors.RemoteCache}: its luid, the
 * broker it came from, and the copies still held. Implemented by the broker.
 */
public interface RemoteCacheLink {
  /** The broker the cache came from: it alone may be sent {@code ["lcache", luid]}. */
  Object broker();

  /** The cache's luid on the peer. */
  long luid();

  /** Gives back one received copy (sends one {@code decache}). Thread-safe. */
  void release();

  /** The copies received and not yet released. Thread-safe (a snapshot). */
  int copies();
}
