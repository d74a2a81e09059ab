package dev.spindle.transport.internal;

import io.netty.channel.EventLoop;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The deadline, cancellation and abandoning of one call waiting for its answer, for AMP's and
 * PB's calls alike: the caller's future, the id the protocol sent it under, and the timer of its
 * deadline if it has one. The deadline is {@code System.nanoTime() + timeout} taken on the
 * caller's thread; the timer runs on the connection's event loop and is armed, for what remains,
 * once the call is written. At the deadline the protocol forgets the call ({@link #abandon}) and
 * it fails with {@link #timedOut()}; an answer stops the timer ({@link #settled()}); cancelling
 * the future forgets the call on the event loop (a late answer is dropped). Fields are event-loop
 * confined; {@link #cancel} is thread-safe.
 *
 * @param <T> the call's result
 */
public abstract class TimedCall<T> extends CompletableFuture<T> {
  private long id;
  private ScheduledFuture<?> timer;

  /** For subclasses. */
  protected TimedCall() {}

  /**
   * Just sent under {@code id}: arms the timer for {@code deadline} ({@link System#nanoTime()}; 0
   * for none). Event loop.
   *
   * @param loop the connection's event loop, which runs the timer
   * @param id the id the protocol sent the call under, not 0
   * @param deadline the deadline as a {@link System#nanoTime()} reading, or 0 for none
   */
  protected final void sent(EventLoop loop, long id, long deadline) {
    this.id = id;
    if (deadline == 0) {
      return;
    }
    try {
      timer = loop.schedule(this::expire, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The loop is shutting down: the connection's loss fails the call.
    }
  }

  /**
   * The id it was sent under; 0 before.
   *
   * @return the id, or 0 if the call is not sent yet
   */
  protected final long id() {
    return id;
  }

  private void expire() {
    timer = null;
    if (abandon(id)) {
      completeExceptionally(timedOut());
    }
  }

  /** The call is settled (answered, failed, lost): stops its timer. Event loop. */
  protected final void settled() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      timer = null;
      t.cancel(false);
    }
  }

  /** Cancels the call and, on the event loop, forgets it. Thread-safe. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      transport().execute(() -> {
        if (id != 0) {
          abandon(id);
        }
        settled();
      });
    }
    return cancelled;
  }

  /**
   * Makes the protocol forget the call sent under {@code id}; true if it was still waiting.
   *
   * @param id the id the call was sent under
   * @return true if the call was still waiting and is now forgotten
   */
  protected abstract boolean abandon(long id);

  /**
   * The failure at the deadline (the protocol's timeout exception).
   *
   * @return a new exception to fail the call with
   */
  protected abstract Throwable timedOut();

  /**
   * The connection's transport, where a cancelled call is forgotten.
   *
   * @return the transport of the connection the call was made on
   */
  protected abstract TransportHandler transport();
}
