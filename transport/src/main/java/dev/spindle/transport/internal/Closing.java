package dev.spindle.transport.internal;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closing channels without waiting on a listener a shut-down event loop can no longer run. */
public final class Closing {
  /** How long a blocking close of a client or server waits for its connections, in seconds. */
  public static final long CLOSE_WAIT_SECONDS = 10;

  private static final Logger logger = LoggerFactory.getLogger(Closing.class);

  private Closing() {}

  /**
   * Waits for {@code closing}, at most {@value #CLOSE_WAIT_SECONDS} s: the blocking close of a
   * client or server. A close that takes longer is logged and left to finish; an interrupt is kept.
   *
   * @param name the client or server, for the warning
   * @param closing the close under way
   */
  public static void await(String name, CompletionStage<Void> closing) {
    try {
      closing.toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      logger.warn("{} did not close within {} s", name, CLOSE_WAIT_SECONDS);
    } catch (ExecutionException e) {
      logger.warn("closing {} failed", name, e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Closes {@code channels} and completes once all of them are closed. Unlike a {@code
   * ChannelGroupFuture}, it never waits for a listener that a shut-down event loop can no longer
   * run: a channel whose loop is shut down counts as closed (the loop closed it).
   *
   * @param channels the channels to close; may be empty
   * @return a future that completes, never exceptionally, once every channel is closed
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

  /**
   * Runs {@code action} once {@code future} is done, even if {@code ch}'s loop is shut down.
   *
   * @param future a future of {@code ch}, such as its close future
   * @param ch the channel whose event loop would run the listener
   * @param action what to run, exactly once
   */
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

  /**
   * Closes a client or server once: the first {@link #close} runs its steps, then lets go of its
   * event loops (shuts down the group it owns, or gives back the shared one); every call gets the
   * same completion. Thread-safe.
   */
  public static final class Once {
    private final Supplier<Future<?>> letGo;
    private final AtomicBoolean started = new AtomicBoolean();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    private Once(Supplier<Future<?>> letGo) {
      this.letGo = letGo;
    }

    /**
     * Shuts down {@code ownedGroup} once closed; null: the user's group, left running.
     *
     * @param ownedGroup the group the client or server created, or null
     * @return a new closer
     */
    public static Once owning(EventLoopGroup ownedGroup) {
      return new Once(ownedGroup == null ? null : () -> ownedGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS));
    }

    /** Gives back the shared client group once closed. */
    static Once sharing(EventLoopGroup sharedGroup) {
      return new Once(() -> SharedClientLoops.release(sharedGroup));
    }

    /**
     * Runs {@code steps} the first time; completes once they are done and the loops let go.
     *
     * @param steps closes the connections and returns a stage of that; called at most once
     * @return a stage that completes, never exceptionally, once closed; the same for every call
     */
    public CompletionStage<Void> close(Supplier<? extends CompletionStage<?>> steps) {
      if (started.compareAndSet(false, true)) {
        steps.get().whenComplete((v, t) -> {
          if (letGo == null) {
            done.complete(null);
          } else {
            // A termination future notifies on the global executor, not on a dying loop.
            letGo.get().addListener(g -> done.complete(null));
          }
        });
      }
      return done.minimalCompletionStage();
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
