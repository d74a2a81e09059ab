package dev.spindle.transport;

import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * The options every reconnecting client shares (AMP's {@code ReconnectingAmpClient}, PB's {@code
 * ReconnectingPbClient}): when to try again, where retries are scheduled, the jitter's source.
 * Not thread-safe.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class ReconnectingClientBuilder<B extends ReconnectingClientBuilder<B>> {
  /** When to try again. */
  protected ReconnectPolicy policy = ReconnectPolicy.TWISTED;
  /** Where retries are scheduled; null for the client's event loops. */
  protected ScheduledExecutorService scheduler;
  /** The source of the jitter's normal deviates. */
  protected RandomGenerator random = RandomGenerator.getDefault();

  /** For subclasses. */
  protected ReconnectingClientBuilder() {}

  /**
   * When to try again (default {@link ReconnectPolicy#TWISTED}).
   *
   * @param policy the back-off policy; not null
   * @return this builder
   */
  public B policy(ReconnectPolicy policy) {
    this.policy = Objects.requireNonNull(policy, "policy");
    return self();
  }

  /**
   * Where retries are scheduled (default: the client's event loops); for tests, a virtual clock.
   *
   * @param scheduler where attempts are scheduled, owned by the caller; not null
   * @return this builder
   */
  public B scheduler(ScheduledExecutorService scheduler) {
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    return self();
  }

  /**
   * The source of the jitter's normal deviates (default {@link RandomGenerator#getDefault()}).
   *
   * @param random the jitter's source, used from the scheduler's thread; not null
   * @return this builder
   */
  public B random(RandomGenerator random) {
    this.random = Objects.requireNonNull(random, "random");
    return self();
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
