package dev.spindle.cred.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on virtual time for tests, safe to feed from an event loop: {@link
 * #schedule(Runnable, long, TimeUnit)} only records the task and wakes {@link #awaitScheduled};
 * {@link #advance(Duration)} moves the clock and runs what fell due on the calling thread. {@link
 * #nanoTime()} is the clock, for a throttle's ticker.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private long now = 1_000_000_000L;
  private long sequence;
  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(
          Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.seq));
  private final List<Duration> delays = new ArrayList<>();
  private boolean shutdown;

  public synchronized long nanoTime() {
    return now;
  }

  /** Every delay asked for so far, in order. */
  public synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }

  /** Waits until {@code count} tasks were scheduled in all; false if {@code timeout} passed. */
  public synchronized boolean awaitScheduled(int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (delays.size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return true;
  }

  /** Moves the clock forward by {@code d}, running every task due by then, in due order. */
  public void advance(Duration d) {
    long target;
    synchronized (this) {
      target = now + d.toNanos();
    }
    while (true) {
      Task t;
      synchronized (this) {
        if (queue.isEmpty() || queue.peek().due > target) {
          now = target;
          return;
        }
        t = queue.poll();
        now = Math.max(now, t.due);
      }
      t.command.run();
    }
  }

  @Override
  public synchronized ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    if (shutdown) {
      throw new RejectedExecutionException("shut down");
    }
    long nanos = unit.toNanos(delay);
    delays.add(Duration.ofNanos(nanos));
    Task t = new Task(command, now + nanos, sequence++);
    queue.add(t);
    notifyAll();
    return t;
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(Runnable c, long i, long p, TimeUnit u) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable c, long i, long d, TimeUnit u) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = new ArrayList<>();
    for (Task t : queue) {
      left.add(t.command);
    }
    queue.clear();
    return left;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isShutdown();
  }

  private final class Task implements ScheduledFuture<Object> {
    final Runnable command;
    final long due;
    final long seq;

    Task(Runnable command, long due, long seq) {
      this.command = command;
      this.due = due;
      this.seq = seq;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      synchronized (ManualScheduler.this) {
        return queue.remove(this);
      }
    }

    @Override
    public boolean isCancelled() {
      return false;
    }

    @Override
    public boolean isDone() {
      synchronized (ManualScheduler.this) {
        return !queue.contains(this);
      }
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException();
    }
  }
}
