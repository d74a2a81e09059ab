package dev.spindle.transport.internal;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Closing channels without waiting on a listener a shut-down event loop can no longer run. */
public final class Closing {
  /** How long a blocking close of a client or server waits for its connections, in seconds. */
  public static final long CLOSE_WAIT_SECONDS = 10;

  private Closing() {}

  /**
   * Closes {@code channels} and completes once all of them are closed. Unlike a {@code
   * ChannelGroupFuture}, it never waits for a listener that a shut-down event loop can no longer
   * run: a channel whose loop is shut down counts as closed (the loop closed it).
   */
  public static CompletableFuture<Void> closeAll(Collection<? extends Channel> channels) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger remaining = new AtomicInteger(channels.size() + 1);
    Runnable one =
        () -> {
          if (remaining.decrementAndGet() == 0) {
            done.complete(null);
          }
        };
    for (Channel ch : channels) {
      ch.close();
      whenDone(ch.closeFuture(), ch, one);
    }
    one.run();
    return done;
  }

  /** Runs {@code action} once {@code future} is done, even if {@code ch}'s loop is shut down. */
  public static void whenDone(Future<?> future, Channel ch, Runnable action) {
    AtomicBoolean ran = new AtomicBoolean();
    Runnable once =
        () -> {
          if (ran.compareAndSet(false, true)) {
            action.run();
          }
        };
    if (future.isDone() || loopIsShutDown(ch)) {
      once.run();
      return;
    }
    future.addListener(f -> once.run());
    if (loopIsShutDown(ch)) {
      once.run(); // the listener may have been refused
    }
  }

  private static boolean loopIsShutDown(Channel ch) {
    try {
      return ch.eventLoop().isShutdown();
    } catch (IllegalStateException e) {
      return true; // never registered
    }
  }
}
