package dev.spindle.transport.internal;

import dev.spindle.transport.ReconnectPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one connection of some kind open: attempts, and whenever the connection is lost or an
 * attempt fails, attempts again after a back-off ({@link ReconnectPolicy}), as Twisted's {@code
 * ReconnectingClientFactory} with {@code resetDelay()} called on each success. The back-off is
 * reset when an attempt succeeds, that is once the protocol is ready (PB: logged in), not on TCP
 * connect. Thread-safe: each step of the chain starts the next.
 *
 * @param <C> what one successful attempt gives (a connection, an avatar)
 */
public final class Reconnector<C> {
  private static final Logger logger = LoggerFactory.getLogger(Reconnector.class);

  /** How to make, watch and close one {@code C}. */
  public interface Target<C> {
    /** Starts one attempt. */
    CompletionStage<C> attempt();

    /** Completes when {@code c} is lost. */
    CompletionStage<?> closeFuture(C c);

    /** Closes {@code c}. */
    void close(C c);

    /** Whether {@code c} is still usable. */
    boolean isOpen(C c);
  }

  private final String name;
  private final Target<C> target;
  private final ScheduledExecutorService scheduler;
  private final Consumer<C> onConnected;
  private final Backoff backoff;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile C current;
  private volatile ScheduledFuture<?> pending;
  private volatile boolean stopping;

  /**
   * @param name what is connected to, for log lines
   * @param onConnected called with each success (may be null); a failure is logged
   */
  public Reconnector(
      String name,
      Target<C> target,
      ScheduledExecutorService scheduler,
      ReconnectPolicy policy,
      RandomGenerator random,
      Consumer<C> onConnected) {
    this.name = name;
    this.target = target;
    this.scheduler = scheduler;
    this.onConnected = onConnected;
    this.backoff = new Backoff(policy, random);
  }

  /** Makes the first attempt (at once). */
  public void start() {
    attempt();
  }

  /** The current connection, or null while disconnected. */
  public C current() {
    C c = current;
    return c != null && target.isOpen(c) ? c : null;
  }

  /** The last success, open or not (null before the first). */
  public C last() {
    return current;
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

  /** Completes once this stops trying: {@link #stop()} or {@code maxRetries} reached. */
  public CompletionStage<Void> stopped() {
    return stopped.minimalCompletionStage();
  }

  /** Stops retrying and closes the current connection. */
  public void close() {
    stop();
    C c = current;
    if (c != null) {
      target.close(c);
    }
  }

  /** Attempts now, cancelling a scheduled attempt (grpc's {@code resetConnectBackoff}). */
  public void reconnectNow() {
    ScheduledFuture<?> p = pending;
    if (p != null && p.cancel(false)) {
      attempt();
    }
  }

  private void attempt() {
    pending = null;
    if (stopping) {
      return;
    }
    target.attempt().whenComplete((c, failure) -> {
      if (failure != null) {
        logger.debug("connecting to {} failed: {}", name, failure.toString());
        retry();
        return;
      }
      if (stopping) {
        target.close(c);
        return;
      }
      backoff.reset();
      current = c;
      target.closeFuture(c).whenComplete((v, e) -> {
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

  /** Convenience for {@link Target}s built from functions. */
  public static <C> Target<C> target(
      Supplier<CompletionStage<C>> attempt,
      Function<C, CompletionStage<?>> closeFuture,
      Consumer<C> close,
      java.util.function.Predicate<C> isOpen) {
    return new Target<>() {
      @Override
      public CompletionStage<C> attempt() {
        return attempt.get();
      }

      @Override
      public CompletionStage<?> closeFuture(C c) {
        return closeFuture.apply(c);
      }

      @Override
      public void close(C c) {
        close.accept(c);
      }

      @Override
      public boolean isOpen(C c) {
        return isOpen.test(c);
      }
    };
  }
}
