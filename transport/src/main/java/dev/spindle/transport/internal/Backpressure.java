package dev.spindle.transport.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The write side of one connection's flow control: how many bytes wait to be written, whether
 * callers may add more, and whether the peer's input is read.
 *
 * <p>Pending bytes are Netty's outbound buffer (bounded by the channel's {@link
 * io.netty.channel.WriteBufferWaterMark}) plus the messages and calls other threads queued for the event loop
 * and it has not written yet. The connection is writable while the channel is and both together
 * are below the high-water mark. While the channel is not writable, reading from the peer pauses
 * ({@code autoRead} off; what was already decoded waits in the pipeline's {@code
 * FlowControlHandler}) and resumes, in a loop task of its own, once it is writable again (below
 * the low-water mark): a peer that sends requests but does not read the answers cannot make this
 * side buffer without bound.
 * One exception: while this side waits for answers from the peer it keeps reading until twice the
 * high-water mark is pending, because two peers that both paused while calling each other would
 * wait for each other forever.
 *
 * <p>{@link #queued}, {@link #dequeued}, {@link #isWritable} and {@link #whenWritable} are
 * thread-safe; the rest runs on the event loop.
 */
public final class Backpressure {
  private final AtomicLong queuedBytes = new AtomicLong();
  private final Queue<CompletableFuture<Void>> waiters = new ConcurrentLinkedQueue<>();
  private final Runnable notifyTask;
  private final Runnable resumeTask;
  private volatile Channel channel;
  // Event-loop confined.
  private boolean readingPaused;
  private boolean resumeScheduled;

  /**
   * @param notifyTask runs {@link #update} on the event loop
   * @param resumeTask runs {@link #resume} on the event loop
   */
  public Backpressure(Runnable notifyTask, Runnable resumeTask) {
    this.notifyTask = notifyTask;
    this.resumeTask = resumeTask;
  }

  /**
   * Starts watching {@code channel}, once the handler is added to its pipeline. Before that the
   * connection counts as writable.
   *
   * @param channel the connection's channel; not null
   */
  public void attach(Channel channel) {
    this.channel = channel;
  }

  /**
   * Other threads queued {@code bytes} more for the event loop.
   *
   * @param bytes the bytes queued; 0 is ignored
   */
  public void queued(long bytes) {
    if (bytes != 0) {
      queuedBytes.addAndGet(bytes);
    }
  }

  /**
   * The event loop took {@code bytes} off its queue.
   *
   * @param bytes the bytes taken off, as counted by {@link #queued}; 0 is ignored
   */
  public void dequeued(long bytes) {
    if (bytes != 0) {
      queuedBytes.addAndGet(-bytes);
    }
  }

  /**
   * True while callers may send: see the class comment. Thread-safe.
   *
   * @return true if the pending bytes are below the channel's high-water mark
   */
  public boolean isWritable() {
    Channel ch = channel;
    if (ch == null) {
      return true; // not attached yet: only before the connection is handed out
    }
    // Netty's buffer and the queue together stay below the high mark; bytesBeforeUnwritable is 0
    // while the channel is not writable (and once it is closed).
    return queuedBytes.get() < ch.bytesBeforeUnwritable();
  }

  /**
   * Bytes waiting to be written: Netty's outbound buffer and this side's queue. Thread-safe.
   *
   * @return the pending bytes, 0 or more
   */
  public long pendingBytes() {
    Channel ch = channel;
    ChannelOutboundBuffer out = ch == null ? null : ch.unsafe().outboundBuffer();
    return queuedBytes.get() + (out == null ? 0 : out.totalPendingWriteBytes());
  }

  /**
   * Completes when the connection is writable (at once if it is), or fails with {@code lost} once
   * it is closed. Thread-safe; completes on the event loop unless already writable.
   *
   * @param lost makes the protocol's "connection lost" exception
   * @return a future that completes when writable, or exceptionally with {@code lost}'s exception
   */
  public CompletableFuture<Void> whenWritable(Supplier<? extends Throwable> lost) {
    if (isWritable()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> f = new CompletableFuture<>();
    waiters.add(f);
    Channel ch = channel;
    try {
      ch.eventLoop().execute(notifyTask); // it may have become writable meanwhile
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(lost.get());
    }
    return f;
  }

  /**
   * Pauses or resumes reading from the peer and completes the {@link #whenWritable} futures if the
   * connection is writable now. Event loop, while the connection is open.
   *
   * @param awaitingAnswers whether this side waits for answers from the peer
   */
  public void update(boolean awaitingAnswers) {
    Channel ch = channel;
    boolean pause = shouldPause(ch, awaitingAnswers);
    if (pause && !readingPaused) {
      readingPaused = true;
      ch.config().setAutoRead(false);
    } else if (!pause && readingPaused && !resumeScheduled) {
      // Not here: turning autoRead on delivers the messages held meanwhile at once, and this may
      // run inside a read or a flush. A task of its own runs them at the top of the loop.
      resumeScheduled = true;
      try {
        ch.eventLoop().execute(resumeTask);
      } catch (RejectedExecutionException e) {
        resumeScheduled = false; // the loop is shutting down, and the channel with it
      }
    }
    if (!waiters.isEmpty() && isWritable()) {
      CompletableFuture<Void> f;
      while ((f = waiters.poll()) != null) {
        f.complete(null);
      }
    }
  }

  /**
   * Resumes reading if it is paused and should no longer be: the task {@link #update} scheduled.
   * Returns true if it resumed; messages held while paused have then been delivered (without a
   * {@code channelReadComplete}). Event loop, while the connection is open.
   *
   * @param awaitingAnswers whether this side waits for answers from the peer
   * @return true if reading resumed
   */
  public boolean resume(boolean awaitingAnswers) {
    resumeScheduled = false;
    Channel ch = channel;
    if (!readingPaused || shouldPause(ch, awaitingAnswers)) {
      return false;
    }
    readingPaused = false;
    ch.config().setAutoRead(true);
    return true;
  }

  private boolean shouldPause(Channel ch, boolean awaitingAnswers) {
    return !ch.isWritable()
        && (!awaitingAnswers || pendingBytes() >= 2L * ch.config().getWriteBufferHighWaterMark());
  }

  /**
   * The connection is closed: fails the waiting futures. Any thread.
   *
   * @param lost the exception the waiting futures fail with; not null
   */
  public void closed(Throwable lost) {
    CompletableFuture<Void> f;
    while ((f = waiters.poll()) != null) {
      f.completeExceptionally(lost);
    }
  }

  /**
   * True if futures wait for writability.
   *
   * @return true if a {@link #whenWritable} future is not complete yet
   */
  public boolean hasWaiters() {
    return !waiters.isEmpty();
  }
}
