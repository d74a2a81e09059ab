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
 * the elements', so a tuple that contains a list that contains the tuple recurses forever, like
 * any self-containing Java collection; Python would refuse to hash it too.
 */
public final class Tuple implements Iterable<Object> {
  private static final Tuple EMPTY = new Tuple(new Object[0]);

  private final Object[] items;

  /** Trusted constructor: takes ownership of {@code items} without copying. */
  Tuple(Object[] items) {
    this.items = items;
  }

  /** Returns the empty tuple. */
  public static Tuple of() {
    return EMPTY;
  }

  /** Returns a tuple of {@code items} (copied). {@code Tuple.of(list)} is a one-tuple. */
  public static Tuple of(Object... items) {
    return items.length == 0 ? EMPTY : new Tuple(items.clone());
  }

  /** Returns a tuple of the elements of {@code items}, in iteration order. */
  public static Tuple copyOf(Collection<?> items) {
    return items.isEmpty() ? EMPTY : new Tuple(items.toArray());
  }

  /** The number of elements. */
  public int size() {
    return items.length;
  }

  /** The element at {@code index}. */
  public Object get(int index) {
    return items[index];
  }

  /** An unmodifiable {@link List} view of the elements. */
  public List<Object> asList() {
    return Collections.unmodifiableList(Arrays.asList(items));
  }

  /** Sets a slot while {@link Unjellier} builds the tuple. */
  void set(int index, Object value) {
    items[index] = value;
  }

  @Override
  public Iterator<Object> iterator() {
    return asList().iterator();
  }

  /** A tuple equals only a tuple with equal elements (never a {@link List}). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Tuple && Arrays.equals(items, ((Tuple) o).items);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(items);
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
