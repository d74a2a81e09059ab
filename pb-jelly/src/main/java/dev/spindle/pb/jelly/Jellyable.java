package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;

/**
 * An object that writes its own s-expression, such as Perspective Broker's flavors: a {@code
 * Referenceable} writes {@code ["remote", luid]}, a {@code Copyable} writes {@code [typeName,
 * state]}, a {@code Cacheable} writes {@code [typeName, luid, state]}. Twisted equivalent:
 * {@code IJellyable.jellyFor}. {@link Jellier} asks a {@code Jellyable} before any other mapping.
 *
 * <p>Identity: if {@link #tracksIdentity()} (the default), the object takes part in {@code
 * reference}/{@code dereference} like a list: {@link #jellyFor} runs once per {@link Jellier},
 * must return a {@link Sexp.SList}, and later occurrences in the same jelly call become {@code
 * ["dereference", n]} (Twisted's {@code prepare}/{@code preserve}). Otherwise (PB's {@code
 * Referenceable}) {@code jellyFor} runs at every occurrence and may return any s-expression.
 *
 * <p>Implementations are called on the thread that jellies; they must not keep the {@code
 * Jellier}.
 */
public interface Jellyable {
  /**
   * Returns this object's s-expression, jellying any child values with {@code jellier.jelly(child)}
   * (which tracks identity and numbering within this call). PB state such as the broker comes
   * from {@link Jellier#invoker()}.
   *
   * @throws JellyException if the object cannot be serialized now
   */
  Sexp jellyFor(Jellier jellier);

  /**
   * Whether later occurrences of this same object (by identity) in one jelly call are sent as
   * {@code ["dereference", n]}. Default true, as for Twisted's {@code Jellyable}, {@code
   * Copyable} and {@code Cacheable}; PB's {@code Referenceable} answers false.
   */
  default boolean tracksIdentity() {
    return true;
  }
}
