package dev.spindle.pb.banana;

/**
 * Shared {@link Sexp.Int}s for small values (message ids, reference numbers, counts, flags), so
 * that encoding and decoding them allocates nothing. {@code Sexp.Int} is immutable.
 */
final class SmallInts {
  static final int MIN = -128;
  static final int MAX = 1023;
  private static final Sexp.Int[] CACHE = new Sexp.Int[MAX - MIN + 1];

  static {
    for (int i = 0; i < CACHE.length; i++) {
      CACHE[i] = new Sexp.Int(MIN + i);
    }
  }

  private SmallInts() {}

  /** Returns the {@code Int} of {@code value}: a shared one if it is small. */
  static Sexp.Int of(long value) {
    return value >= MIN && value <= MAX ? CACHE[(int) value - MIN] : new Sexp.Int(value);
  }
}
