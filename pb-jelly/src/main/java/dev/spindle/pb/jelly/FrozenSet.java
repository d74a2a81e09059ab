package dev.spindle.pb.jelly;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * An immutable set that keeps insertion order: Python's {@code frozenset}. Jelly sends it as
 * {@code ["frozenset", ...]} (a plain {@link Set} is {@code ["set", ...]}), and it may be a
 * dictionary key or a set element. Like Python, where {@code frozenset({1}) == {1}}, it equals
 * any {@link Set} with the same elements. Elements may be {@code null}.
 *
 * <p>Thread-safe and immutable once built ({@link Unjellier} fills one it has created before
 * handing it out).
 *
 * @param <E> the element type ({@code Object} when unjellied)
 */
public final class FrozenSet<E> extends AbstractSet<E> {
  private static final FrozenSet<Object> EMPTY = new FrozenSet<>(new LinkedHashSet<>());

  private final LinkedHashSet<E> elements;

  /** Trusted constructor: takes ownership of {@code elements}. */
  FrozenSet(LinkedHashSet<E> elements) {
    this.elements = elements;
  }

  /** Returns the empty frozenset. */
  @SuppressWarnings("unchecked")
  public static <E> FrozenSet<E> of() {
    return (FrozenSet<E>) EMPTY;
  }

  /** Returns a frozenset of {@code elements} (duplicates dropped, first occurrence kept). */
  @SafeVarargs
  public static <E> FrozenSet<E> of(E... elements) {
    LinkedHashSet<E> set = new LinkedHashSet<>(elements.length * 2);
    for (E e : elements) {
      set.add(e);
    }
    return new FrozenSet<>(set);
  }

  /** Returns a frozenset of the elements of {@code elements}, in iteration order. */
  public static <E> FrozenSet<E> copyOf(Collection<? extends E> elements) {
    if (elements instanceof FrozenSet) {
      @SuppressWarnings("unchecked")
      FrozenSet<E> same = (FrozenSet<E>) elements;
      return same;
    }
    return new FrozenSet<>(new LinkedHashSet<>(elements));
  }

  /** Adds an element while {@link Unjellier} builds the set. */
  void addInternal(E element) {
    elements.add(element);
  }

  @Override
  public Iterator<E> iterator() {
    return Collections.unmodifiableSet(elements).iterator();
  }

  @Override
  public int size() {
    return elements.size();
  }

  @Override
  public boolean contains(Object o) {
    return elements.contains(o);
  }
}
