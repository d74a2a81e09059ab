package dev.spindle.pb.banana;

import java.util.Arrays;

/**
 * A pre-order walk over a {@link Sexp} tree without recursion: the lists being walked and the next
 * index in each. Exhausted lists are popped lazily, so while an item is visited the stack holds
 * exactly its ancestors and {@link #depth()} is its nesting depth.
 */
final class SexpStack {
  private Sexp.SList[] lists = new Sexp.SList[4];
  private int[] next = new int[4];
  private int depth;

  /** Starts walking {@code list}'s items (call after visiting the list itself). */
  void push(Sexp.SList list) {
    if (depth == lists.length) {
      int n = depth * 2;
      lists = Arrays.copyOf(lists, n);
      next = Arrays.copyOf(next, n);
    }
    lists[depth] = list;
    next[depth] = 0;
    depth++;
  }

  /** Forgets every list (a walk that stopped early, at a limit), to walk another tree. */
  SexpStack clear() {
    Arrays.fill(lists, 0, depth, null);
    depth = 0;
    return this;
  }

  /** The number of lists being walked: the depth of the item last returned by {@link #next}. */
  int depth() {
    return depth;
  }

  /** Pops exhausted lists; returns true if an item remains. */
  boolean hasNext() {
    while (depth > 0) {
      int d = depth - 1;
      if (next[d] < lists[d].size()) {
        return true;
      }
      lists[d] = null;
      depth = d;
    }
    return false;
  }

  /** The next item in pre-order (may be {@code null} if a list holds one); call after hasNext. */
  Sexp next() {
    int d = depth - 1;
    return lists[d].get(next[d]++);
  }
}
