package dev.spindle.pb.typed;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One skeleton per target object, by identity: what a generated {@code <Interface>_PbSkeleton.of}
 * returns, so that an object exported twice is one reference on the wire (one luid, as Twisted
 * sends one Referenceable), not two. Targets and skeletons are held weakly: a skeleton lives as
 * long as the broker or the caller holds it, and an entry goes with its target. Lock-free on a
 * hit; thread-safe. Not for hand-written code.
 *
 * @param <T> the remote interface
 * @param <S> its generated skeleton
 */
public final class SkeletonCache<T, S> {
  private final Function<? super T, ? extends S> create;
  private final ConcurrentHashMap<Key, WeakReference<S>> skeletons = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

  /**
   * A cache that makes a missing skeleton with {@code create}.
   *
   * @param create makes the skeleton of a target that has none alive
   */
  public SkeletonCache(Function<? super T, ? extends S> create) {
    this.create = Objects.requireNonNull(create, "create");
  }

  /**
   * The skeleton of {@code target}: the one made before if it is still alive, else a new one.
   *
   * @param target the object to export; not null
   * @return its skeleton, the same instance for as long as it is alive
   */
  public S get(T target) {
    Objects.requireNonNull(target, "target");
    WeakReference<S> known = skeletons.get(new Key(target, null));
    S skeleton = known == null ? null : known.get();
    if (skeleton != null) {
      return skeleton;
    }
    expunge();
    S made = create.apply(target);
    WeakReference<S> fresh = new WeakReference<>(made);
    Key key = new Key(target, collected);
    for (;;) {
      WeakReference<S> old = skeletons.putIfAbsent(key, fresh);
      if (old == null) {
        return made;
      }
      S other = old.get();
      if (other != null) {
        return other; // made concurrently by another thread: one skeleton per target
      }
      if (skeletons.replace(key, old, fresh)) {
        return made;
      }
    }
  }

  /** How many targets have an entry (for tests). */
  int size() {
    expunge();
    return skeletons.size();
  }

  private void expunge() {
    for (Object k; (k = collected.poll()) != null; ) {
      skeletons.remove(k);
    }
  }

  /** A target by identity, weakly. */
  private static final class Key extends WeakReference<Object> {
    private final int hash;

    Key(Object target, ReferenceQueue<Object> queue) {
      super(target, queue);
      this.hash = System.identityHashCode(target);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      if (!(o instanceof Key k) || k.hash != hash) {
        return false;
      }
      Object target = get();
      return target != null && target == k.get();
    }
  }
}
