package dev.spindle.transport;

import dev.spindle.transport.internal.Reconnector;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What AMP's {@code ReconnectingAmpClient} and PB's {@code ReconnectingPbClient} share: keep one
 * connection (or login) of type {@code C} alive, trying again after a back-off ({@link
 * ReconnectPolicy}, Twisted's {@code ReconnectingClientFactory} maths) whenever it is lost or an
 * attempt fails. The back-off is reset on each success. {@link #stop()} stops retrying and leaves
 * the current connection open; {@link #close()} also closes it. Thread-safe.
 *
 * @param <C> what a successful attempt gives
 * @param <S> the concrete client, returned by {@link #start()}
 */
public abstract class ReconnectingClient<C, S extends ReconnectingClient<C, S>> implements AutoCloseable {
  private final Reconnector<C> reconnector;

  /**
   * @param name what is connected to, for log lines
   * @param attempt starts one attempt
   * @param closeFuture completes when a {@code C} is lost
   * @param close closes a {@code C}
   * @param isOpen whether a {@code C} is still usable
   * @param scheduler where retries are scheduled
   * @param onConnected called with each success, or null
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
    this.reconnector = new Reconnector<>(
        name, Reconnector.target(attempt, closeFuture, close, isOpen), scheduler, policy, random, onConnected);
  }

  /** Starts connecting (at once); returns this. Call it once. */
  @SuppressWarnings("unchecked")
  public S start() {
    reconnector.start();
    return (S) this;
  }

  /** The current connection, or null while disconnected. */
  protected C current() {
    return reconnector.current();
  }

  /**
   * Stops retrying (Twisted's {@code stopTrying}): a scheduled attempt is cancelled, an attempt
   * under way is closed as it succeeds; the current connection stays open. Idempotent.
   */
  public void stop() {
    reconnector.stop();
  }

  /** Tries at once if an attempt is scheduled (after a server restart, say). */
  public void reconnectNow() {
    reconnector.reconnectNow();
  }

  /** Completes once this client stops trying: {@link #stop()} or {@code maxRetries} reached. */
  public CompletionStage<Void> stopped() {
    return reconnector.stopped();
  }

  /** Stops retrying and closes the current connection. Does not close the underlying client. */
  @Override
  public void close() {
    reconnector.close();
  }
}
