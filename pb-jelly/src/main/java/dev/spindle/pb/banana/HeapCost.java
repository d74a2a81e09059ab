package dev.spindle.pb.banana;

/**
 * What a decoded expression costs in heap, the unit of {@link BananaLimits#maxExpressionBytes()}.
 * Charged by the decoder as each header arrives (so before the bytes it announces), and computed
 * the same way by the encoder, so that Spindle never sends what a Spindle peer refuses. The
 * figures are the sizes of the objects the decoder builds on a 64-bit JVM with compressed
 * references (the default below 32 GB of heap), rounded up:
 *
 * <table>
 * <caption>The cost of each item</caption>
 * <tr><th>item</th><th>cost in bytes</th><th>what it is</th></tr>
 * <tr><td>list of n &gt; 0 items</td><td>56 + 4n</td><td>the list, its array of n references</td></tr>
 * <tr><td>empty list, vocabulary word, integer in -128..1023</td><td>0</td><td>shared instances
 *     (their reference is in the enclosing list's 4n)</td></tr>
 * <tr><td>byte string of n bytes</td><td>40 + n</td><td>its object and array</td></tr>
 * <tr><td>other integer within 64 bits, float</td><td>24</td><td>one object</td></tr>
 * <tr><td>larger integer of b bits</td><td>72 + b/8</td><td>its objects and magnitude</td></tr>
 * </table>
 *
 * <p>So what a connection's unfinished expression holds stays within {@code maxExpressionBytes},
 * plus a bounded amount for the lists still open (at most {@code maxDepth} of them, a few dozen
 * bytes each) and the input not yet decoded; the wire bytes of an expression are at most about
 * twice its cost. Unjellying a complete expression builds Java objects of about the same size
 * again, for as long as the message is being handled.
 */
final class HeapCost {
  static final long EMPTY_LIST = 0;
  static final long WORD = 0;
  static final long SMALL_INT = 0;
  static final long INT = 24;
  static final long FLOAT = 24;

  private HeapCost() {}

  /** A list announcing {@code n} items. */
  static long list(long n) {
    return n == 0 ? EMPTY_LIST : 56 + 4 * n;
  }

  /** A byte string of {@code n} bytes. */
  static long bytes(long n) {
    return 40 + n;
  }

  /** An integer within 64 bits. */
  static long integer(long value) {
    return value >= SmallInts.MIN && value <= SmallInts.MAX ? SMALL_INT : INT;
  }

  /** An integer outside 64 bits, of {@code bits} magnitude bits. */
  static long bigInteger(int bits) {
    return 72 + (bits + 7) / 8;
  }
}
