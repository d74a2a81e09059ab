package dev.spindle.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * When a reconnecting client tries again: exponential back-off with jitter, exactly as Twisted's
 * {@code ReconnectingClientFactory} (twisted/internet/protocol.py) computes it. After a lost
 * connection or a failed attempt, {@code delay = min(delay * factor, maxDelay)}, then, with
 * jitter, {@code delay = normal(mean = delay, stddev = delay * jitter)} (negative values count as
 * 0); the delay starts at {@code initialDelay} and is reset to it on each successful connection,
 * so the first retry waits {@code initialDelay * factor}. After {@code maxRetries} consecutive
 * retries without a connection, it gives up. Immutable and thread-safe.
 */
public final class ReconnectPolicy {
  /** Twisted's defaults: 1 s, e, 0.119626565582, 3,600 s, no retry limit. */
  public static final ReconnectPolicy TWISTED = builder().build();

  private final Duration initialDelay;
  private final double factor;
  private final double jitter;
  private final Duration maxDelay;
  private final int maxRetries;

  private ReconnectPolicy(Builder b) {
    if (b.initialDelay.isNegative()) {
      throw new IllegalArgumentException("initialDelay: " + b.initialDelay + " (expected: >= 0)");
    }
    if (!(b.factor >= 1.0) || Double.isInfinite(b.factor)) {
      throw new IllegalArgumentException("factor: " + b.factor + " (expected: finite, >= 1)");
    }
    if (!(b.jitter >= 0.0) || Double.isInfinite(b.jitter)) {
      throw new IllegalArgumentException("jitter: " + b.jitter + " (expected: finite, >= 0)");
    }
    if (b.maxDelay.isNegative()) {
      throw new IllegalArgumentException("maxDelay: " + b.maxDelay + " (expected: >= 0)");
    }
    if (b.maxRetries < -1) {
      throw new IllegalArgumentException("maxRetries: " + b.maxRetries + " (expected: >= 0, or -1 for no limit)");
    }
    this.initialDelay = b.initialDelay;
    this.factor = b.factor;
    this.jitter = b.jitter;
    this.maxDelay = b.maxDelay;
    this.maxRetries = b.maxRetries;
  }

  /**
   * Returns a builder with Twisted's defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder with this policy's values.
   *
   * @return a new builder holding this policy's values
   */
  public Builder toBuilder() {
    return new Builder()
        .initialDelay(initialDelay)
        .factor(factor)
        .jitter(jitter)
        .maxDelay(maxDelay)
        .maxRetries(maxRetries);
  }

  /**
   * Twisted's {@code initialDelay}.
   *
   * @return the delay the back-off starts from, zero or positive
   */
  public Duration initialDelay() {
    return initialDelay;
  }

  /**
   * Twisted's {@code factor}.
   *
   * @return the growth factor per retry, finite and at least 1
   */
  public double factor() {
    return factor;
  }

  /**
   * Twisted's {@code jitter}: the standard deviation as a fraction of the delay.
   *
   * @return the jitter, finite and 0 or more (0: none)
   */
  public double jitter() {
    return jitter;
  }

  /**
   * Twisted's {@code maxDelay}.
   *
   * @return the longest delay before jitter, zero or positive
   */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * Twisted's {@code maxRetries}; -1 for no limit (Twisted's None).
   *
   * @return the retry limit, 0 or more, or -1
   */
  public int maxRetries() {
    return maxRetries;
  }

  @Override
  public String toString() {
    return "ReconnectPolicy{initialDelay=" + initialDelay + ", factor=" + factor + ", jitter=" + jitter
        + ", maxDelay=" + maxDelay + ", maxRetries=" + maxRetries + "}";
  }

  /** Builds a {@link ReconnectPolicy}; starts with Twisted's defaults. Not thread-safe. */
  public static final class Builder {
    private Duration initialDelay = Duration.ofSeconds(1);
    private double factor = Math.E;
    private double jitter = 0.119626565582;
    private Duration maxDelay = Duration.ofSeconds(3600);
    private int maxRetries = -1;

    private Builder() {}

    /**
     * The delay the back-off starts from (default 1 s); the first retry waits this times {@code
     * factor}.
     *
     * @param initialDelay the starting delay, zero or positive (checked by {@link #build()}); not
     *     null
     * @return this builder
     */
    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = Objects.requireNonNull(initialDelay, "initialDelay");
      return this;
    }

    /**
     * How much the delay grows per retry (default e, Twisted's).
     *
     * @param factor the growth factor, finite and at least 1 (checked by {@link #build()})
     * @return this builder
     */
    public Builder factor(double factor) {
      this.factor = factor;
      return this;
    }

    /**
     * The randomness of each delay, as a fraction of it (default 0.119626565582; 0: none).
     *
     * @param jitter the standard deviation as a fraction of the delay, finite and 0 or more
     * @return this builder
     */
    public Builder jitter(double jitter) {
      this.jitter = jitter;
      return this;
    }

    /**
     * The longest delay before jitter (default 3,600 s).
     *
     * @param maxDelay the cap on the delay, zero or positive (checked by {@link #build()}); not
     *     null
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
      return this;
    }

    /**
     * The most consecutive retries without a connection (default -1: no limit).
     *
     * @param maxRetries retries before giving up, 0 or more, or -1 for no limit
     * @return this builder
     */
    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    /**
     * Returns the policy.
     *
     * @return a new immutable policy
     * @throws IllegalArgumentException if a value is out of range
     */
    public ReconnectPolicy build() {
      return new ReconnectPolicy(this);
    }
  }
}
