package dev.spindle.pb.jelly;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An immutable sequence: Python's {@code tuple}. Distinct from {@link List} because Python tells
 * a tuple from a list: a tuple is {@code ["tuple", ...]} on the wire, can be a dictionary key and
 * never equals a list. Elements may be {@code null} (Python's {@code None}).
 *
 * <p>Thread-safe and immutable once built. (While {@link Unjellier} builds one inside a
 * reference cycle, it fills the slots of the instance it has already handed to the cycle; that
 * instance is not published before unjelly returns.) {@link #equals} and {@link #hashCode} use
 * the elements'. The hash code is cached when every element's hash is fixed (scalars, tuples and
 * frozensets of them), and comparing two tuples compares each pair of nested tuples and
 * frozensets once, so both cost time linear in the graph however much it shares. They recurse
 * into nested tuples: a tuple nested more deeply than the Java stack allows, or one that contains
 * a list that contains it, overflows it, as Python's would; unjelly refuses such a tuple as a
 * dictionary key or set element.
 */
public final class Tuple implements Iterable<Object> {
  private static final Tuple EMPTY = new Tuple(new Object[0]);

  private final Object[] items;
  /** The cached hash code, or 0 (as {@code String}: racy but safe, ints are written whole). */
  private int hash;
  /** Whether the cached hash code is 0. */
  private boolean hashIsZero;

  /** Trusted constructor: takes ownership of {@code items} without copying. */
  Tuple(Object[] items) {
    this.items = items;
  }

  /**
   * Returns the empty tuple.
   *
   * @return the shared empty tuple
   */
  public static Tuple of() {
    return EMPTY;
  }

  /**
   * Returns a tuple of {@code items} (copied). {@code Tuple.of(list)} is a one-tuple. A null array
   * (what Java passes for {@code Tuple.of(null)}) is the one-tuple {@code (None,)}, as Python's
   * {@code (None,)}: the caller meant one null item.
   *
   * @param items the elements, copied; a {@code null} array is one {@code null} element
   * @return a tuple of those elements
   */
  public static Tuple of(Object... items) {
    if (items == null) {
      return new Tuple(new Object[] {null});
    }
    return items.length == 0 ? EMPTY : new Tuple(items.clone());
  }

  /**
   * Returns a tuple of the elements of {@code items}, in iteration order.
   *
   * @param items the elements to copy; they may be {@code null}
   * @return a tuple of those elements
   */
  public static Tuple copyOf(Collection<?> items) {
    return items.isEmpty() ? EMPTY : new Tuple(items.toArray());
  }

  /** {@return the number of elements} */
  public int size() {
    return items.length;
  }

  /**
   * The element at {@code index}.
   *
   * @param index the position, 0 to {@code size() - 1}
   * @return the element there, possibly {@code null}
   * @throws ArrayIndexOutOfBoundsException if {@code index} is out of range
   */
  public Object get(int index) {
    return items[index];
  }

  /** {@return an unmodifiable {@link List} view of the elements} */
  public List<Object> asList() {
    return Collections.unmodifiableList(Arrays.asList(items));
  }

  /** Sets a slot while {@link Unjellier} builds the tuple. */
  void set(int index, Object value) {
    items[index] = value;
    hash = 0;
    hashIsZero = false;
  }

  @Override
  public Iterator<Object> iterator() {
    return asList().iterator();
  }

  /** A tuple equals only a tuple with equal elements (never a {@link List}). */
  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    int h1 = hash;
    if (!(o instanceof Tuple t) || t.items.length != items.length
        || (h1 != 0 && t.hash != 0 && h1 != t.hash)) {
      return false;
    }
    for (Object item : items) {
      if (Equality.isContainer(item)) {
        return Equality.memoized(this, t, () -> Arrays.equals(items, t.items));
      }
    }
    return Arrays.equals(items, t.items);
  }

  @Override
  public int hashCode() {
    int cached = hash;
    if (cached != 0 || hashIsZero) {
      return cached;
    }
    int h = 1;
    boolean fixed = true;
    for (Object item : items) {
      h = 31 * h + (item == null ? 0 : item.hashCode());
      fixed &= Equality.hasFixedHash(item);
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

  /** Python-like text: {@code (1, 2)}, {@code (1,)}, {@code ()}. */
  @Override
  public String toString() {
    if (items.length == 1) {
      return "(" + (items[0] == this ? "(this Tuple)" : items[0]) + ",)";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < items.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(items[i] == this ? "(this Tuple)" : items[i]);
    }
    return sb.append(')').toString();
  }
}
