package dev.spindle.transport.internal;

import dev.spindle.transport.ReconnectPolicy;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The back-off state of one reconnecting client: Twisted's {@code delay} and {@code retries}
 * under a {@link ReconnectPolicy}. Not thread-safe; its owner calls it from one step of the
 * reconnect chain at a time.
 */
final class Backoff {
  private final double initialSeconds;
  private final double factor;
  private final double jitter;
  private final double maxSeconds;
  private final int maxRetries;
  private final RandomGenerator random;
  private double delaySeconds;
  private int retries;

  Backoff(ReconnectPolicy policy, RandomGenerator random) {
    this.initialSeconds = seconds(policy.initialDelay());
    this.factor = policy.factor();
    this.jitter = policy.jitter();
    this.maxSeconds = seconds(policy.maxDelay());
    this.maxRetries = policy.maxRetries();
    this.random = random;
    reset();
  }

  /** Twisted's {@code resetDelay}: after a successful connection. */
  void reset() {
    delaySeconds = initialSeconds;
    retries = 0;
  }

  /** Twisted's {@code retry}: the delay before the next attempt, or null to give up. */
  Duration next() {
    retries++;
    if (maxRetries >= 0 && retries > maxRetries) {
      return null;
    }
    delaySeconds = Math.min(delaySeconds * factor, maxSeconds);
    if (jitter != 0) {
      delaySeconds = delaySeconds + random.nextGaussian() * delaySeconds * jitter;
    }
    double d = Math.max(0, delaySeconds);
    return Duration.ofNanos((long) Math.min(d * 1e9, Long.MAX_VALUE));
  }

  private static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
