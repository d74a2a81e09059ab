package dev.spindle.pb.flavors.internal;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.jelly.Jellier;

/**
 * What PB's flavors need from the broker that serializes them: Twisted's {@code
 * jellier.invoker}, the {@code Broker} whose {@code registerReference}, {@code
 * cachedRemotelyAs}, {@code cacheRemotely} and {@code serializingPerspective} the flavors call.
 * The broker passes itself as the {@link Jellier#invoker()} of every message it serializes.
 *
 * <p>Implemented by the broker only; event-loop confined, like the broker.
 */
public interface FlavorBroker {
  /** The perspective the current message is serialized for (null outside an avatar's call). */
  Object serializingPerspective();

  /**
   * Registers {@code referenceable} (or counts one more reference to it) and returns {@code
   * ["remote", luid]}. Twisted: {@code Referenceable.jellyFor}.
   */
  Sexp jellyReferenceable(Object referenceable);

  /**
   * Registers the view point of {@code perspective} onto {@code viewable} (one luid per pair) and
   * returns {@code ["remote", luid]}. Twisted: {@code ViewPoint.jellyFor}.
   */
  Sexp jellyViewPoint(Object perspective, Object viewable);

  /**
   * Returns true if {@code cacheable} (a {@code Cacheable}) is not cached by the peer yet (its
   * first sending tracks identity).
   */
  boolean isNewCacheable(Object cacheable);

  /**
   * Returns {@code [typeName, luid, state]} the first time, {@code ["cached", luid]} afterwards.
   * Twisted: {@code Cacheable.jellyFor}.
   */
  Sexp jellyCacheable(Object cacheable, Jellier jellier);
}
