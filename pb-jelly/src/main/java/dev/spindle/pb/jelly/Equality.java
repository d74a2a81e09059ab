package dev.spindle.pb.jelly;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.function.BooleanSupplier;

/**
 * Linear-time {@code equals} and cacheable {@code hashCode} for {@link Tuple} and {@link
 * FrozenSet} graphs with sharing. Comparing two distinct but equal graphs in which each level holds
 * the level below twice visits 2**depth pairs if each comparison starts afresh; here the outermost
 * comparison on a thread keeps the result of every pair of containers it has compared, so each
 * pair is compared once. A pair met again while its comparison is in progress (only a container
 * that contains itself, which jelly references can make and Python cannot) counts as equal, the
 * usual co-inductive reading of a cyclic value.
 */
final class Equality {
  private static final ThreadLocal<HashMap<Pair, Boolean>> RESULTS = new ThreadLocal<>();

  private Equality() {}

  /** Compares {@code a} and {@code b} with {@code compare}, once per pair per outermost call. */
  static boolean memoized(Object a, Object b, BooleanSupplier compare) {
    HashMap<Pair, Boolean> results = RESULTS.get();
    boolean outermost = results == null;
    if (outermost) {
      results = new HashMap<>();
      RESULTS.set(results);
    }
    try {
      Pair pair = new Pair(a, b);
      Boolean known = results.putIfAbsent(pair, Boolean.TRUE);
      if (known != null) {
        return known;
      }
      boolean equal = compare.getAsBoolean();
      results.put(pair, equal);
      return equal;
    } finally {
      if (outermost) {
        RESULTS.remove();
      }
    }
  }

  /** Whether comparing {@code o} may recurse into a tuple or frozenset (worth memoizing). */
  static boolean isContainer(Object o) {
    return o instanceof Tuple || o instanceof FrozenSet;
  }

  /**
   * Whether {@code o}'s hash code can never change: null, the immutable scalars jelly makes, and
   * tuples and frozensets whose own hash is cached.
   */
  static boolean hasFixedHash(Object o) {
    return o == null || o instanceof String || o instanceof Long || o instanceof Integer
        || o instanceof Short || o instanceof Byte || o instanceof BigInteger
        || o instanceof Double || o instanceof Float || o instanceof Boolean
        || o instanceof ByteString || o instanceof BigDecimal || o instanceof Character
        || o instanceof java.time.LocalDate || o instanceof java.time.LocalTime
        || o instanceof java.time.LocalDateTime || o instanceof java.time.Duration
        || o instanceof Unpersistable
        || (o instanceof Tuple t && t.hashIsFixed()) || (o instanceof FrozenSet<?> f && f.hashIsFixed());
  }

  /** Two objects, compared by identity. */
  private record Pair(Object a, Object b) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Pair p && p.a == a && p.b == b;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(a) * 31 + System.identityHashCode(b);
    }
  }
}
