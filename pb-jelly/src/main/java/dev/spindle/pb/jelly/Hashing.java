package dev.spindle.pb.jelly;

import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's hashability rule for dictionary keys and set elements: lists, dicts and (mutable)
 * sets are unhashable, and so is a tuple or frozenset holding one. Checked on both sides, so that
 * Java never sends a key a Python peer would refuse, and never hashes a container still being
 * filled.
 *
 * <p>A key is also refused if its tuples and frozensets nest deeper than {@link #MAX_KEY_DEPTH} or
 * contain themselves (only jelly references can make a tuple that contains itself; Python cannot
 * hash one): {@link Tuple#hashCode} and {@link Tuple#equals} recurse, so this bound is what keeps
 * their Java stack small.
 *
 * <p>The walk visits each tuple and frozenset once, however often it is shared, and remembers
 * across calls (the {@code checked} map of one unjelly) what it has already checked, so checking
 * every key of a message costs time linear in the message.
 */
final class Hashing {
  /** The deepest nesting of tuples and frozensets in a key or set element. */
  static final int MAX_KEY_DEPTH = 100;

  /** Marks a container whose check is in progress (on the walk's stack). */
  private static final int IN_PROGRESS = -1;

  private Hashing() {}

  /** {@link #check(Object, String, Set, IdentityHashMap)} with no memory across calls. */
  static void check(Object value, String where, Set<Object> unfinished) {
    check(value, where, unfinished, null);
  }

  /**
   * Throws if {@code value} may not be a key or set element.
   *
   * @param unfinished tuples and frozensets still being built, or null (then the value is ours,
   *     being sent, and the exception a {@link JellyException}; else a {@link
   *     MalformedJellyException})
   * @param checked the depth of each tuple and frozenset already checked (filled in), or null
   */
  static void check(Object value, String where, Set<Object> unfinished,
      IdentityHashMap<Object, Integer> checked) {
    if (!(value instanceof Tuple || value instanceof FrozenSet || value instanceof List
        || value instanceof Map || value instanceof Set)) {
      return; // scalars and instances of registered classes
    }
    if (checked == null) {
      checked = new IdentityHashMap<>();
    }
    Integer known = checked.get(value);
    if (known != null && known != IN_PROGRESS) {
      return;
    }
    ArrayDeque<Open> stack = new ArrayDeque<>();
    enter(value, where, unfinished, checked, stack);
    while (!stack.isEmpty()) {
      Open top = stack.peek();
      if (top.items.hasNext()) {
        Object item = top.items.next();
        int depth = enter(item, where, unfinished, checked, stack);
        top.depth = Math.max(top.depth, depth + 1);
      } else {
        stack.pop();
        if (top.depth > MAX_KEY_DEPTH) {
          throw error(unfinished, where + ": tuples or frozensets nested " + top.depth
              + " deep (expected: at most " + MAX_KEY_DEPTH + ")");
        }
        checked.put(top.container, top.depth);
        if (!stack.isEmpty()) {
          Open parent = stack.peek();
          parent.depth = Math.max(parent.depth, top.depth + 1);
        }
      }
    }
  }

  /**
   * Checks one item: returns its known depth (0 for a scalar), or pushes a container not seen yet
   * (returning 0; its depth reaches the parent when it is popped).
   */
  private static int enter(Object o, String where, Set<Object> unfinished,
      IdentityHashMap<Object, Integer> checked, ArrayDeque<Open> stack) {
    if (o instanceof Tuple || o instanceof FrozenSet) {
      Integer known = checked.get(o);
      if (known != null) {
        if (known == IN_PROGRESS) {
          throw error(unfinished, where + ": a " + (o instanceof Tuple ? "tuple" : "frozenset")
              + " that contains itself (expected: a hashable value; Python cannot hash one)");
        }
        return known;
      }
      if (unfinished != null && unfinished.contains(o)) {
        throw new MalformedJellyException(where + ": a " + (o instanceof Tuple ? "tuple" : "frozenset")
            + " that is still being built (expected: a complete hashable value; a reference cycle or"
            + " forward reference through a dictionary key or set element is not supported)");
      }
      checked.put(o, IN_PROGRESS);
      stack.push(new Open(o, o instanceof Tuple t ? t.iterator() : ((FrozenSet<?>) o).iterator()));
      if (stack.size() > MAX_KEY_DEPTH) {
        throw error(unfinished, where + ": tuples or frozensets nested more than " + MAX_KEY_DEPTH
            + " deep (expected: at most " + MAX_KEY_DEPTH + ")");
      }
      return 0;
    }
    if (o instanceof List || o instanceof Map || o instanceof Set) {
      String type = o instanceof List ? "list" : o instanceof Map ? "dict" : "set";
      throw error(unfinished, where + ": " + type
          + " (expected: a hashable value; Python: TypeError: unhashable type: '" + type + "')");
    }
    return 0;
  }

  private static JellyException error(Set<Object> unfinished, String message) {
    return unfinished != null ? new MalformedJellyException(message) : new JellyException(message);
  }

  /** A tuple or frozenset whose items are being checked, and the depth found so far. */
  private static final class Open {
    final Object container;
    final Iterator<?> items;
    int depth = 1;

    Open(Object container, Iterator<?> items) {
      this.container = container;
      this.items = items;
    }
  }
}
