package dev.spindle.transport;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What AMP's {@code ReconnectingAmpClient} and PB's {@code ReconnectingPbClient} share: keep one
 * connection (or login) of type {@code C} alive, trying again after a back-off ({@link
 * ReconnectPolicy}, Twisted's {@code ReconnectingClientFactory} maths) whenever it is lost or an
 * attempt fails. The back-off is reset on each success, that is once the protocol is ready (PB:
 * logged in), not on TCP connect. {@link #stop()} stops retrying and leaves the current connection
 * open; {@link #close()} also closes it. Thread-safe: each step of the chain starts the next.
 *
 * @param <C> what a successful attempt gives
 * @param <S> the concrete client, returned by {@link #start()}
 */
public abstract class ReconnectingClient<C, S extends ReconnectingClient<C, S>> implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(ReconnectingClient.class);

  private final String name;
  private final Supplier<CompletionStage<C>> attempt;
  private final Function<C, CompletionStage<?>> closeFuture;
  private final Consumer<C> close;
  private final Predicate<C> isOpen;
  private final ScheduledExecutorService scheduler;
  private final Consumer<C> onConnected;
  private final Backoff backoff;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile C current;
  private volatile ScheduledFuture<?> pending;
  private volatile boolean stopping;

  /**
   * @param name what is connected to, for log lines
   * @param attempt starts one attempt
   * @param closeFuture completes when a {@code C} is lost
   * @param close closes a {@code C}
   * @param isOpen whether a {@code C} is still usable
   * @param scheduler where retries are scheduled
   * @param policy when to try again
   * @param random the source of the jitter's normal deviates
   * @param onConnected called with each success, or null; a failure is logged
   */
  protected ReconnectingClient(
      String name,
      Supplier<CompletionStage<C>> attempt,
      Function<C, CompletionStage<?>> closeFuture,
      Consumer<C> close,
      Predicate<C> isOpen,
      ScheduledExecutorService scheduler,
      ReconnectPolicy policy,
      RandomGenerator random,
      Consumer<C> onConnected) {
    this.name = name;
    this.attempt = attempt;
    this.closeFuture = closeFuture;
    this.close = close;
    this.isOpen = isOpen;
    this.scheduler = scheduler;
    this.onConnected = onConnected;
    this.backoff = new Backoff(policy, random);
  }

  /**
   * {@code scheduler}, or else the event loops of {@code client}.
   *
   * @param scheduler the builder's scheduler, or null
   * @param client the client whose event loops are used when {@code scheduler} is null
   * @return where retries are to be scheduled; not null
   */
  protected static ScheduledExecutorService scheduler(ScheduledExecutorService scheduler, Client client) {
    return scheduler != null ? scheduler : client.group();
  }

  /**
   * Starts connecting (at once); returns this. Call it once.
   *
   * @return this client, as its concrete type
   */
  @SuppressWarnings("unchecked")
  public S start() {
    attempt();
    return (S) this;
  }

  /**
   * The current connection, or null while disconnected.
   *
   * @return the open connection, or null
   */
  protected C current() {
    C c = current;
    return c != null && isOpen.test(c) ? c : null;
  }

  /**
   * Stops retrying (Twisted's {@code stopTrying}): a scheduled attempt is cancelled, an attempt
   * under way is closed as it succeeds; the current connection stays open. Idempotent.
   */
  public void stop() {
    stopping = true;
    ScheduledFuture<?> p = pending;
    if (p != null) {
      p.cancel(false);
    }
    stopped.complete(null);
  }

  /** Tries at once if an attempt is scheduled (after a server restart, say). */
  public void reconnectNow() {
    ScheduledFuture<?> p = pending;
    if (p != null && p.cancel(false)) {
      attempt();
    }
  }

  /**
   * Completes once this client stops trying: {@link #stop()} or {@code maxRetries} reached.
   *
   * @return a stage that completes (never exceptionally) once retrying has stopped
   */
  public CompletionStage<Void> stopped() {
    return stopped.minimalCompletionStage();
  }

  /** Stops retrying and closes the current connection. Does not close the underlying client. */
  @Override
  public void close() {
    stop();
    C c = current;
    if (c != null) {
      close.accept(c);
    }
  }

  private void attempt() {
    pending = null;
    if (stopping) {
      return;
    }
    attempt.get().whenComplete((c, failure) -> {
      if (failure != null) {
        logger.debug("connecting to {} failed: {}", name, failure.toString());
        retry();
        return;
      }
      if (stopping) {
        close.accept(c);
        return;
      }
      backoff.reset();
      current = c;
      closeFuture.apply(c).whenComplete((v, e) -> {
        logger.debug("connection to {} lost", name);
        retry();
      });
      if (onConnected != null) {
        try {
          onConnected.accept(c);
        } catch (RuntimeException e) {
          logger.warn("connection callback failed", e);
        }
      }
    });
  }

  private void retry() {
    if (stopping) {
      return;
    }
    Duration delay = backoff.next();
    if (delay == null) {
      logger.debug("giving up on {}: maxRetries reached", name);
      stopping = true;
      stopped.complete(null);
      return;
    }
    logger.debug("connecting to {} again in {} ms", name, delay.toMillis());
    try {
      pending = scheduler.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      logger.debug("scheduler shut down; giving up on {}", name);
      stopping = true;
      stopped.complete(null);
      return;
    }
    if (stopping) {
      pending.cancel(false); // stop() ran while this was being scheduled
    }
  }
}
