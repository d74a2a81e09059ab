package dev.spindle.pb.banana;

import java.util.AbstractList;
import java.util.RandomAccess;

/** An unmodifiable list view of a decoded list's array, which nothing else refers to. */
final class SexpArray extends AbstractList<Sexp> implements RandomAccess {
  private final Sexp[] items;

  SexpArray(Sexp[] items) {
    this.items = items;
  }

  @Override
  public Sexp get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
  }
}
