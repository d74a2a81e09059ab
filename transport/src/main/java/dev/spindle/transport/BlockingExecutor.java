package dev.spindle.transport;

import java.lang.reflect.Method;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where calls declared {@link Blocking} run: an {@link Executor} and a bound on the calls it holds
 * (waiting or running). Thread-safe; share one between endpoints if you like.
 *
 * <p><b>Past the bound</b> a call is not run and the peer gets the protocol's error at once, the
 * connection staying open: AMP an error box with the code {@value CallRejectedException#OVERLOADED}
 * (which a Twisted caller sees as {@code UnknownRemoteError}), PB a {@code pb.Error} failure. The
 * event loop never waits for the executor.
 *
 * <p><b>Order.</b> The peer's calls are read, and their arguments decoded (PB: references and
 * cache copies made), in arrival order on the event loop, as always. A blocking call is then handed
 * to the executor and the loop goes on with the next message: calls that are not blocking run and
 * answer at once, in order, and blocking calls of one connection may run concurrently and answer
 * in the order they finish. Answers are written through the event loop, so each is whole and PB's
 * reference bookkeeping stays on the loop. Twisted callers do not rely on answer order: AMP answers
 * carry the call's tag and PB answers its request id, as with a Twisted method returning a
 * Deferred. What is not kept: the side effects of a blocking call may happen after those of a
 * later call; give such calls one executor thread ({@code create(Executors.newSingleThreadExecutor(),
 * n)}) or make them non-blocking if their order matters.
 */
public final class BlockingExecutor {
  /** Default bound on the calls the default executor holds, waiting or running. */
  public static final int DEFAULT_MAX_CALLS = 1024;

  /**
   * Threads of the default executor on a runtime without virtual threads (Java 17 to 20): enough
   * for blocking I/O of moderate concurrency; virtual threads replace it on Java 21 and later.
   */
  public static final int DEFAULT_THREADS = 64;

  private static volatile BlockingExecutor defaultInstance;

  private final Executor executor;
  private final int maxCalls;
  private final AtomicInteger calls = new AtomicInteger();

  private BlockingExecutor(Executor executor, int maxCalls) {
    this.executor = Objects.requireNonNull(executor, "executor");
    if (maxCalls < 1) {
      throw new IllegalArgumentException("maxCalls: " + maxCalls + " (expected: >= 1)");
    }
    this.maxCalls = maxCalls;
  }

  /**
   * Runs blocking calls on {@code executor}, holding at most {@code maxCalls} of them (waiting or
   * running); the caller owns {@code executor} and shuts it down.
   *
   * @param executor runs the calls, owned by the caller; not null
   * @param maxCalls calls held at most, waiting or running; 1 or more
   * @return a new blocking executor
   * @throws IllegalArgumentException if {@code maxCalls} is less than 1
   */
  public static BlockingExecutor create(Executor executor, int maxCalls) {
    return new BlockingExecutor(executor, maxCalls);
  }

  /**
   * The shared default: a virtual thread per call where the runtime has them (Java 21+), else a
   * pool of {@value #DEFAULT_THREADS} daemon threads; at most {@value #DEFAULT_MAX_CALLS} calls.
   * Created on first use, never shut down (its threads are daemons).
   *
   * @return the JVM-wide default instance, the same on every call
   */
  public static BlockingExecutor defaultExecutor() {
    BlockingExecutor d = defaultInstance;
    if (d == null) {
      synchronized (BlockingExecutor.class) {
        d = defaultInstance;
        if (d == null) {
          d = new BlockingExecutor(newDefaultExecutor(), DEFAULT_MAX_CALLS);
          defaultInstance = d;
        }
      }
    }
    return d;
  }

  private static Executor newDefaultExecutor() {
    try {
      Method m = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) m.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // Java 17 to 20: a bounded pool; the queue is bounded by maxCalls.
    }
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "spindle-blocking-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(DEFAULT_THREADS, DEFAULT_THREADS, 60,
        TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /**
   * The most calls this executor holds.
   *
   * @return the bound given at creation, 1 or more
   */
  public int maxCalls() {
    return maxCalls;
  }

  /**
   * The calls held now, waiting or running.
   *
   * @return the number of calls held, 0 to {@link #maxCalls()}
   */
  public int calls() {
    return calls.get();
  }

  /**
   * Runs {@code work} on the executor and completes with its result (a returned stage is
   * flattened). Past the bound, or if the executor refuses, the returned stage fails at once with
   * a {@link CallRejectedException} ({@value CallRejectedException#OVERLOADED}) and {@code work}
   * never runs. For the protocols; any thread.
   *
   * @param <T> the result's type, as the caller expects it
   * @param work the call to run; it may return a {@link CompletionStage}; not null
   * @param what names the call in the overload message, such as the command's name
   * @return a future that completes with the work's result, or exceptionally with its failure
   */
  public <T> CompletableFuture<T> submit(Callable<?> work, String what) {
    CompletableFuture<T> out = new CompletableFuture<>();
    if (calls.incrementAndGet() > maxCalls) {
      calls.decrementAndGet();
      out.completeExceptionally(overloaded(what));
      return out;
    }
    try {
      executor.execute(() -> run(work, out));
    } catch (RejectedExecutionException e) {
      calls.decrementAndGet();
      out.completeExceptionally(overloaded(what));
    }
    return out;
  }

  private CallRejectedException overloaded(String what) {
    return new CallRejectedException(CallRejectedException.OVERLOADED,
        "server overloaded: " + maxCalls + " blocking calls are waiting or running; " + what + " not run");
  }

  @SuppressWarnings("unchecked")
  private <T> void run(Callable<?> work, CompletableFuture<T> out) {
    Object result;
    try {
      result = work.call();
    } catch (Throwable t) {
      calls.decrementAndGet();
      out.completeExceptionally(t);
      return;
    }
    calls.decrementAndGet();
    if (result instanceof CompletionStage<?> stage) {
      stage.whenComplete((v, e) -> {
        if (e != null) {
          out.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        } else {
          out.complete((T) v);
        }
      });
    } else {
      out.complete((T) result);
    }
  }

  @Override
  public String toString() {
    return "BlockingExecutor{" + executor + ", calls " + calls.get() + "/" + maxCalls + "}";
  }
}
