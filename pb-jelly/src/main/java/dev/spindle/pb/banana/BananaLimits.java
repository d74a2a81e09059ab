package dev.spindle.pb.banana;

/**
 * The limits a Banana encoder and decoder enforce. The defaults are Twisted's where Twisted has
 * one ({@link #SIZE_LIMIT}, {@link #PREFIX_LIMIT}); Twisted has no depth or expression size limit,
 * and the defaults chosen for those ({@link #DEFAULT_MAX_DEPTH}, {@link
 * #DEFAULT_MAX_EXPRESSION_BYTES}) are far above what PB messages hold in normal use. The
 * expression limit counts heap, not wire bytes ({@link #maxExpressionBytes()}).
 *
 * <p>On receipt, a header over {@code sizeLimit} or {@code prefixLimit} is refused before anything
 * is allocated, as Twisted refuses it; a list nested deeper than {@code maxDepth} or an expression
 * longer than {@code maxExpressionBytes} is refused as soon as its header arrives. On sending,
 * the same limits are refusals raised before anything is written; the largest integer that can be
 * sent is {@code 2**(7 * prefixLimit) - 1} in magnitude ({@code 2**448 - 1} by default).
 *
 * <p>Immutable and thread-safe; build with {@link #builder()}.
 */
public final class BananaLimits {
  /**
   * Twisted's {@code banana.SIZE_LIMIT}, {@code 640 * 1024}: the largest list (in elements) and
   * byte string (in bytes), on both encode and decode.
   */
  public static final int SIZE_LIMIT = 640 * 1024;

  /**
   * Twisted's prefix limit ({@code banana.setPrefixLimit(64)}, applied in {@code
   * connectionMade}): the most base-128 digits before a type byte.
   */
  public static final int PREFIX_LIMIT = 64;

  /** Default deepest list nesting (Twisted has no such limit on receipt). */
  public static final int DEFAULT_MAX_DEPTH = 256;

  /**
   * Default largest top-level expression, 4 MiB of heap as {@link #maxExpressionBytes()} counts
   * it (Twisted has no such limit): room for six strings of {@link #SIZE_LIMIT} bytes, a list of
   * {@link #SIZE_LIMIT} small integers or a dictionary of about 20,000 short string keys, while
   * 100 connections each holding an unfinished expression at the limit hold 400 MiB at most.
   */
  public static final long DEFAULT_MAX_EXPRESSION_BYTES = 4L * 1024 * 1024;

  /** Twisted's limits with the defaults above. */
  public static final BananaLimits DEFAULT = builder().build();

  /** Largest Java array, and so the largest byte string a decoder can hold. */
  private static final int MAX_SIZE_LIMIT = Integer.MAX_VALUE - 8;

  private static final int MIN_PREFIX_LIMIT = 5;
  private static final int MAX_PREFIX_LIMIT = 1024;

  private final int sizeLimit;
  private final int prefixLimit;
  private final int maxDepth;
  private final long maxExpressionBytes;

  private BananaLimits(Builder b) {
    if (b.sizeLimit < 0 || b.sizeLimit > MAX_SIZE_LIMIT) {
      throw new IllegalArgumentException(
          "sizeLimit: " + b.sizeLimit + " (expected: 0.." + MAX_SIZE_LIMIT + ")");
    }
    if (b.prefixLimit < MIN_PREFIX_LIMIT || b.prefixLimit > MAX_PREFIX_LIMIT) {
      throw new IllegalArgumentException(
          "prefixLimit: " + b.prefixLimit + " (expected: " + MIN_PREFIX_LIMIT + ".."
              + MAX_PREFIX_LIMIT + ", enough base-128 digits for any length)");
    }
    if (b.maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth: " + b.maxDepth + " (expected: >= 1)");
    }
    if (b.maxExpressionBytes < 1) {
      throw new IllegalArgumentException(
          "maxExpressionBytes: " + b.maxExpressionBytes + " (expected: >= 1)");
    }
    this.sizeLimit = b.sizeLimit;
    this.prefixLimit = b.prefixLimit;
    this.maxDepth = b.maxDepth;
    this.maxExpressionBytes = b.maxExpressionBytes;
  }

  /**
   * Returns a builder holding the defaults.
   *
   * @return a new builder, with every limit at its default
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding these limits.
   *
   * @return a new builder, with every limit as in this instance
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sizeLimit = sizeLimit;
    b.prefixLimit = prefixLimit;
    b.maxDepth = maxDepth;
    b.maxExpressionBytes = maxExpressionBytes;
    return b;
  }

  /** {@return the largest list (elements) and byte string (bytes); default {@link #SIZE_LIMIT}} */
  public int sizeLimit() {
    return sizeLimit;
  }

  /** {@return the most prefix digits before a type byte; default {@link #PREFIX_LIMIT}} */
  public int prefixLimit() {
    return prefixLimit;
  }

  /**
   * {@return the deepest list nesting (a top-level list is depth 1); default {@link
   * #DEFAULT_MAX_DEPTH}}
   */
  public int maxDepth() {
    return maxDepth;
  }

  /**
   * The largest top-level expression, in bytes of the heap its decoded form takes; default
   * {@link #DEFAULT_MAX_EXPRESSION_BYTES}. The decoder charges each item as its header arrives,
   * before the bytes it announces: a list of n items 56 + 4n, a byte string of n bytes 40 + n, an
   * integer outside -128..1023 or a float 24, a larger integer 72 + its bytes, an empty list, a
   * vocabulary word or a small integer nothing (shared instances). These are the sizes of what
   * the decoder builds on a 64-bit JVM with compressed references, so an unfinished expression
   * holds at most this much heap (plus a few dozen bytes per open list), whatever its wire size;
   * the encoder counts the same way and refuses to send what a Spindle peer would refuse.
   *
   * @return the limit in bytes of heap, at least 1
   */
  public long maxExpressionBytes() {
    return maxExpressionBytes;
  }

  /** The most magnitude bits an integer may have to be sent: {@code 7 * prefixLimit}. */
  int maxIntegerBits() {
    return 7 * prefixLimit;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BananaLimits l
        && sizeLimit == l.sizeLimit
        && prefixLimit == l.prefixLimit
        && maxDepth == l.maxDepth
        && maxExpressionBytes == l.maxExpressionBytes;
  }

  @Override
  public int hashCode() {
    return ((sizeLimit * 31 + prefixLimit) * 31 + maxDepth) * 31 + Long.hashCode(maxExpressionBytes);
  }

  @Override
  public String toString() {
    return "BananaLimits{sizeLimit=" + sizeLimit + ", prefixLimit=" + prefixLimit + ", maxDepth="
        + maxDepth + ", maxExpressionBytes=" + maxExpressionBytes + "}";
  }

  /** Builds {@link BananaLimits}; not thread-safe. */
  public static final class Builder {
    private int sizeLimit = SIZE_LIMIT;
    private int prefixLimit = PREFIX_LIMIT;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private long maxExpressionBytes = DEFAULT_MAX_EXPRESSION_BYTES;

    private Builder() {}

    /**
     * Sets the largest list (elements) and byte string (bytes), 0 to {@code 2**31 - 9}.
     *
     * @param sizeLimit the largest list length and byte string length, 0 to {@code 2**31 - 9}
     * @return this builder
     */
    public Builder sizeLimit(int sizeLimit) {
      this.sizeLimit = sizeLimit;
      return this;
    }

    /**
     * Sets the most prefix digits before a type byte, 5 to 1024.
     *
     * @param prefixLimit the most prefix digits, 5 to 1024
     * @return this builder
     */
    public Builder prefixLimit(int prefixLimit) {
      this.prefixLimit = prefixLimit;
      return this;
    }

    /**
     * Sets the deepest list nesting, at least 1 (a top-level list is depth 1).
     *
     * @param maxDepth the deepest list nesting, at least 1
     * @return this builder
     */
    public Builder maxDepth(int maxDepth) {
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Sets the largest top-level expression in bytes of heap ({@link #maxExpressionBytes()}), at
     * least 1.
     *
     * @param maxExpressionBytes the largest top-level expression in bytes of heap, at least 1
     * @return this builder
     */
    public Builder maxExpressionBytes(long maxExpressionBytes) {
      this.maxExpressionBytes = maxExpressionBytes;
      return this;
    }

    /**
     * Returns the limits.
     *
     * @return new limits holding this builder's values
     * @throws IllegalArgumentException naming the first value out of range
     */
    public BananaLimits build() {
      return new BananaLimits(this);
    }
  }
}
