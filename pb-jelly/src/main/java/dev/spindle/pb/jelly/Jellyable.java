package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;

/**
 * An object that writes its own s-expression, such as Perspective Broker's flavors: a {@code
 * Referenceable} writes {@code ["remote", luid]}, a {@code Copyable} writes {@code [typeName,
 * state]}, a {@code Cacheable} writes {@code [typeName, luid, state]} the first time and {@code
 * ["cached", luid]} afterwards. Twisted equivalent: {@code IJellyable.jellyFor}. {@link Jellier}
 * asks a {@code Jellyable} before any other mapping.
 *
 * <p>Identity, as Twisted's {@code _checkMutable}/{@code prepare}/{@code preserve}: if this same
 * object (by {@code ==}) was already written with identity tracking in the current jelly call,
 * it is written as {@code ["dereference", n]} without asking it again. Otherwise {@link
 * #tracksIdentity(Jellier)} decides: if true (the default, as for Twisted's {@code Jellyable},
 * {@code Copyable}, and a {@code Cacheable} sent for the first time), {@link #jellyFor} must
 * return a list, later occurrences refer to it, and it may contain itself; if false (PB's {@code
 * Referenceable}, a {@code Cacheable} the peer already holds), {@link #jellyFor} runs at every
 * occurrence and may return any s-expression.
 *
 * <p>Called on the jellying thread. Each nested {@code jellyFor} uses Java stack and counts
 * towards {@link JellyRegistry#maxDepth()}. Implementations must not keep the {@code Jellier}.
 */
public interface Jellyable {
  /**
   * Returns this object's s-expression, jellying any child values with {@code jellier.jelly(child)}
   * (which tracks identity and numbering within this call). PB state such as the broker comes
   * from {@link Jellier#invoker()}.
   *
   * @param jellier the jellier of the current call, for children and {@link Jellier#invoker()}; not
   *     to be kept
   * @return the s-expression: a list if {@link #tracksIdentity} answered true
   * @throws JellyException if the object cannot be serialized now (implementations may throw
   *     their own unchecked exceptions; they propagate unchanged)
   */
  Sexp jellyFor(Jellier jellier);

  /**
   * Whether this occurrence takes part in {@code reference}/{@code dereference} tracking; asked
   * at the first occurrence in a jelly call, and again at later ones only while it answered false.
   * Default true.
   *
   * @param jellier the jellier of the current call
   * @return true if this occurrence is tracked, so that later ones are written as references to it
   */
  default boolean tracksIdentity(Jellier jellier) {
    return true;
  }
}
