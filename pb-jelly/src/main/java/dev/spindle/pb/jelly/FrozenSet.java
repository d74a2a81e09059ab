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
  /** The cached hash code, or 0 (as {@code String}: racy but safe, ints are written whole). */
  private int hash;
  /** Whether the cached hash code is 0. */
  private boolean hashIsZero;

  /** Trusted constructor: takes ownership of {@code elements}. */
  FrozenSet(LinkedHashSet<E> elements) {
    this.elements = elements;
  }

  /**
   * Returns the empty frozenset.
   *
   * @param <E> the element type
   * @return the shared empty frozenset
   */
  @SuppressWarnings("unchecked")
  public static <E> FrozenSet<E> of() {
    return (FrozenSet<E>) EMPTY;
  }

  /**
   * Returns a frozenset of {@code elements} (duplicates dropped, first occurrence kept).
   *
   * @param <E> the element type
   * @param elements the elements, possibly repeated or {@code null}
   * @return a frozenset of the distinct elements, in first-occurrence order
   */
  @SafeVarargs
  public static <E> FrozenSet<E> of(E... elements) {
    LinkedHashSet<E> set = new LinkedHashSet<>(elements.length * 2);
    for (E e : elements) {
      set.add(e);
    }
    return new FrozenSet<>(set);
  }

  /**
   * Returns a frozenset of the elements of {@code elements}, in iteration order.
   *
   * @param <E> the element type
   * @param elements the elements to copy, possibly repeated or {@code null}
   * @return a frozenset of the distinct elements ({@code elements} itself if it is a frozenset)
   */
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
    hash = 0;
    hashIsZero = false;
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

  /** Any {@link Set} with the same elements; nested tuples and frozensets are compared once a pair. */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Set<?> s) || s.size() != size()) {
      return false;
    }
    int h1 = hash;
    if (o instanceof FrozenSet<?> f && h1 != 0 && f.hash != 0 && h1 != f.hash) {
      return false;
    }
    for (E e : elements) {
      if (Equality.isContainer(e)) {
        return Equality.memoized(this, o, () -> super.equals(o));
      }
    }
    return super.equals(o);
  }

  /** The sum of the elements' hash codes, as for any {@link Set}; cached when it cannot change. */
  @Override
  public int hashCode() {
    int cached = hash;
    if (cached != 0 || hashIsZero) {
      return cached;
    }
    int h = 0;
    boolean fixed = true;
    for (E e : elements) {
      h += e == null ? 0 : e.hashCode();
      fixed &= Equality.hasFixedHash(e);
    }
    if (fixed) {
      if (h == 0) {
        hashIsZero = true;
      } else {
        hash = h;
      }
    }
    return h;
  }

  /** Whether the hash code is computed and cannot change. */
  boolean hashIsFixed() {
    return hash != 0 || hashIsZero;
  }
}
