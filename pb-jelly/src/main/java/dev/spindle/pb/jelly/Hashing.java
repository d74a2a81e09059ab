package dev.spindle.pb.jelly;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Python's hashability rule for dictionary keys and set elements: lists, dicts and (mutable)
 * sets are unhashable, and so is a tuple holding one. Checked on both sides, so that Java never
 * sends a key a Python peer would refuse, and never hashes a container still being filled.
 */
final class Hashing {
  private Hashing() {}

  /**
   * Throws if {@code value} may not be a key or set element.
   *
   * @param unfinished tuples and frozensets still being built, or null
   */
  static void check(Object value, String where, Set<Object> unfinished) {
    if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean
        || value instanceof ByteString) {
      return;
    }
    ArrayDeque<Object> todo = new ArrayDeque<>();
    todo.push(value);
    while (!todo.isEmpty()) {
      Object o = todo.pop();
      if (o instanceof Tuple || o instanceof FrozenSet) {
        if (unfinished != null && unfinished.contains(o)) {
          throw new MalformedJellyException(where + ": a " + (o instanceof Tuple ? "tuple" : "frozenset")
              + " that is still being built (expected: a complete hashable value; a reference cycle or"
              + " forward reference through a dictionary key or set element is not supported)");
        }
        if (o instanceof Tuple) {
          for (Object item : (Tuple) o) {
            if (item != null) {
              todo.push(item);
            }
          }
        }
      } else if (o instanceof List || o instanceof Map || o instanceof Set) {
        String type = o instanceof List ? "list" : o instanceof Map ? "dict" : "set";
        String message = where + ": " + type + " (expected: a hashable value; Python: TypeError: unhashable type: '" + type + "')";
        throw unfinished != null ? new MalformedJellyException(message) : new JellyException(message);
      }
    }
  }
}
