package dev.spindle.transport.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;

/**
 * What other threads hand to one connection's event loop, in order: messages to write and {@link
 * TransportHandler.LoopTask}s to run (grpc-java's {@code WriteQueue}). Each item's bytes count as
 * pending ({@link Backpressure}) from the moment it is queued until the loop takes it. At most one
 * drain is scheduled at a time: {@link #offer} says when the caller must schedule one. Lock-free;
 * any thread offers, the event loop (or the thread failing a dead loop's items) polls.
 */
final class WriteQueue {
  private final Queue<Object> items = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Backpressure backpressure;
  private final ToIntFunction<Object> messageBytes;

  /**
   * @param messageBytes the bytes a queued message will take (its encoded size, or an estimate)
   */
  WriteQueue(Backpressure backpressure, ToIntFunction<Object> messageBytes) {
    this.backpressure = backpressure;
    this.messageBytes = messageBytes;
  }

  /**
   * Queues {@code item}; true if no drain is scheduled yet, so the caller must schedule one (or
   * call {@link #drainNotScheduled()} if it cannot).
   */
  boolean offer(Object item) {
    backpressure.queued(bytes(item));
    items.offer(item);
    return drainScheduled.compareAndSet(false, true);
  }

  /** A drain could not be scheduled (no channel yet): the next offer tries again. */
  void drainNotScheduled() {
    drainScheduled.set(false);
  }

  /** A drain starts: items offered from now on schedule another. Event loop. */
  void drainStarted() {
    drainScheduled.set(false);
  }

  /** The oldest item, no longer counted as pending; null if there is none. */
  Object poll() {
    Object item = items.poll();
    if (item != null) {
      backpressure.dequeued(bytes(item));
    }
    return item;
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /**
   * The event loop refused the drain: it is shut down and will run nothing more, so the calling
   * thread fails the queued tasks with {@code lost} (messages are dropped). {@code drainScheduled}
   * stays true meanwhile, so no other thread drains at the same time; items that arrive as it is
   * released are failed by whoever wins the next round.
   */
  void failAll(RuntimeException lost) {
    do {
      Object item;
      while ((item = poll()) != null) {
        if (item instanceof TransportHandler.LoopTask task) {
          task.fail(lost);
        }
      }
      drainScheduled.set(false);
    } while (!items.isEmpty() && drainScheduled.compareAndSet(false, true));
  }

  private int bytes(Object item) {
    return item instanceof TransportHandler.LoopTask t ? t.queuedBytes() : messageBytes.applyAsInt(item);
  }
}
