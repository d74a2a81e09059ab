package dev.spindle.pb;

import dev.spindle.pb.broker.Broker;
import dev.spindle.pb.exceptions.PbTimeoutException;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One call waiting for its answer: the caller's future, the broker's callback, its request id
 * once sent, and the timer of its deadline if it has one. Cancelling the future forgets the call
 * on the event loop. Fields are event-loop confined; {@link #cancel} is thread-safe.
 */
final class PbCall extends CompletableFuture<Object> implements Broker.PendingCall, Runnable {
  private final PbConnection connection;
  private final String method;
  private final long timeoutNanos;
  private long requestId;
  private ScheduledFuture<?> timer;

  PbCall(PbConnection connection, String method, long timeoutNanos) {
    this.connection = connection;
    this.method = method;
    this.timeoutNanos = timeoutNanos;
  }

  /** Just sent by the broker under its last request id: starts the timer. Event loop. */
  void sent(Broker broker, long deadline) {
    requestId = broker.lastRequestId();
    if (deadline == 0) {
      return;
    }
    Channel ch = connection.handler().channel();
    try {
      timer = ch.eventLoop().schedule(this, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The loop is shutting down: the connection's loss fails the call.
    }
  }

  /** The deadline passed (the timer, on the event loop). */
  @Override
  public void run() {
    timer = null;
    Broker broker = connection.broker();
    if (broker.abandon(requestId, this)) {
      completeExceptionally(new PbTimeoutException(method, Duration.ofNanos(timeoutNanos)));
    }
  }

  private void settled() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      timer = null;
      t.cancel(false);
    }
  }

  @Override
  public void answered(Object result) {
    settled();
    complete(result);
  }

  @Override
  public void failed(Throwable failure) {
    settled();
    completeExceptionally(failure);
  }

  /** Cancels the call and forgets it on the event loop; a late answer is dropped. */
  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      connection.execute(new Broker.Task() {
        @Override
        public void run() {
          if (requestId != 0) {
            connection.broker().abandon(requestId, PbCall.this);
          }
          settled();
        }
      });
    }
    return cancelled;
  }
}
