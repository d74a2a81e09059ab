package dev.spindle.cred.throttle;

import dev.spindle.cred.UnauthorizedLoginException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows down password guessing: counts failed logins ({@link UnauthorizedLoginException}) per peer
 * and delays the answers to, and the start of, further attempts from a peer that keeps failing.
 *
 * <p>A peer is whatever key the protocol supplies, normally the remote IP address as a string. The
 * first {@link Builder#freeAttempts(int) freeAttempts} failures are answered at once. After that,
 * failure number {@code freeAttempts + k} is answered after {@code baseDelay * 2^(k-1)}, capped at
 * {@code maxDelay}, and attempts from the peer start no sooner than one such delay after the
 * previous one, so that sending attempts in parallel gains nothing. A success forgets the peer; so
 * does a {@link Builder#window(Duration) window} without failures. Attempts that would wait while
 * {@link Builder#maxQueuedAttempts(int) maxQueuedAttempts} others of the same peer already wait
 * are refused at once with {@link UnauthorizedLoginException}, without checking the credentials.
 * Other failures (unhandled credentials, a realm's refusal) neither count nor wait.
 *
 * <pre>{@code
 * LoginThrottle throttle = LoginThrottle.builder().freeAttempts(5).build();
 * throttle.attempt(remoteIp, () -> portal.login(credentials, mind, Perspective.class));
 * }</pre>
 *
 * <p>No thread sleeps: a delayed attempt is started, and a delayed answer completed, by a task on a
 * {@link ScheduledExecutorService}: the one passed to {@link #attempt(String,
 * ScheduledExecutorService, Supplier)} (for example the connection's event loop), else the
 * builder's, else one daemon thread that the throttle owns and {@link #close()} stops. Memory is
 * bounded: at most {@link Builder#maxTrackedPeers(int) maxTrackedPeers} peers are remembered, the
 * least recently active forgotten first, each with at most {@code maxQueuedAttempts} waiting
 * attempts. (An attacker who controls more addresses than that can make the throttle forget
 * some.)
 *
 * <p>Thread-safe; never completes a stage under its lock. Twisted has no equivalent.
 */
public final class LoginThrottle implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

  /** Default free failures per peer: 3. */
  public static final int DEFAULT_FREE_ATTEMPTS = 3;
  /** Default delay after the first failure beyond the free ones: 1 second. */
  public static final Duration DEFAULT_BASE_DELAY = Duration.ofSeconds(1);
  /** Default longest delay: 1 minute. */
  public static final Duration DEFAULT_MAX_DELAY = Duration.ofMinutes(1);
  /** Default time without failures after which a peer is forgotten: 15 minutes. */
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);
  /** Default number of peers remembered: 10,000. */
  public static final int DEFAULT_MAX_TRACKED_PEERS = 10_000;
  /** Default number of attempts of one peer that may wait: 8. */
  public static final int DEFAULT_MAX_QUEUED_ATTEMPTS = 8;

  private final int freeAttempts;
  private final long baseDelayNanos;
  private final long maxDelayNanos;
  private final long windowNanos;
  private final int maxTrackedPeers;
  private final int maxQueuedAttempts;
  private final LongSupplier ticker;
  private final ScheduledExecutorService scheduler;
  private final boolean ownsScheduler;

  private final Object lock = new Object();
  /** Access-ordered, so the eldest entry is the least recently active peer. Guarded by lock. */
  private final LinkedHashMap<String, Peer> peers;
  /** Written under lock. */
  private volatile boolean closed;
  /** Delayed actions not yet run, for {@link #close()}. */
  private final Set<Delayed> pending = ConcurrentHashMap.newKeySet();

  private LoginThrottle(Builder b) {
    this.freeAttempts = b.freeAttempts;
    this.baseDelayNanos = b.baseDelay.toNanos();
    this.maxDelayNanos = b.maxDelay.toNanos();
    this.windowNanos = b.window.toNanos();
    this.maxTrackedPeers = b.maxTrackedPeers;
    this.maxQueuedAttempts = b.maxQueuedAttempts;
    this.ticker = b.ticker;
    this.ownsScheduler = b.scheduler == null;
    this.scheduler = ownsScheduler ? ownScheduler() : b.scheduler;
    int max = maxTrackedPeers;
    this.peers =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Peer> eldest) {
            return size() > max;
          }
        };
  }

  private static ScheduledExecutorService ownScheduler() {
    return Executors.newSingleThreadScheduledExecutor(
        r -> {
          Thread t = new Thread(r, "spindle-login-throttle");
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Runs {@code login} for {@code peerKey} now or after the peer's delay, and delays its answer if
   * it fails with {@link UnauthorizedLoginException} too often. Delays use the throttle's
   * scheduler. See {@link #attempt(String, ScheduledExecutorService, Supplier)}.
   *
   * @param <T> the login's result type
   * @param peerKey the peer's key, normally its IP address as a string; not null
   * @param login starts the login and returns its stage, such as a call to {@code Portal.login};
   *     not null
   * @return a stage of the login's result or its unwrapped failure, delayed as described
   * @throws IllegalStateException if the throttle is closed
   */
  public <T> CompletionStage<T> attempt(String peerKey, Supplier<? extends CompletionStage<T>> login) {
    return attempt(peerKey, scheduler, login);
  }

  /**
   * Runs {@code login} for {@code peerKey}, using {@code scheduler} for this attempt's delays: a
   * delayed attempt starts, and a delayed answer completes, on its thread. An attempt that need not
   * wait starts on the calling thread; an answer that need not wait completes on the thread that
   * completed {@code login}'s stage. Failures are delivered unwrapped.
   *
   * @param <T> the login's result type
   * @param peerKey the peer's key, normally its IP address as a string; not null
   * @param scheduler runs this attempt's delayed start and delayed answer; not null
   * @param login starts the login and returns its stage, such as a call to {@code Portal.login};
   *     not null
   * @return a stage of the login's result or its unwrapped failure, delayed as described
   * @throws IllegalStateException if the throttle is closed
   */
  public <T> CompletionStage<T> attempt(
      String peerKey,
      ScheduledExecutorService scheduler,
      Supplier<? extends CompletionStage<T>> login) {
    Objects.requireNonNull(peerKey, "peerKey");
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(login, "login");
    CompletableFuture<T> out = new CompletableFuture<>();
    long now = ticker.getAsLong();
    Peer peer;
    long wait;
    synchronized (lock) {
      if (closed) {
        throw new IllegalStateException("login throttle: closed (expected: open)");
      }
      peer = peers.get(peerKey);
      if (peer == null || peer.forgettable(now, windowNanos)) {
        peer = new Peer();
        peers.put(peerKey, peer);
      }
      int suspects = peer.failures + peer.inFlight;
      if (suspects < freeAttempts) {
        wait = 0;
      } else {
        long start = Math.max(now, peer.nextStart);
        wait = start - now;
        if (wait > 0 && peer.queued >= maxQueuedAttempts) {
          wait = -1;
        } else {
          peer.nextStart = saturatedAdd(start, delayFor(suspects + 1));
        }
      }
      if (wait >= 0) {
        peer.inFlight++;
        if (wait > 0) {
          peer.queued++;
        }
      }
    }
    if (wait < 0) {
      logger.debug("Refused a login attempt from {}: too many waiting", peerKey);
      out.completeExceptionally(new UnauthorizedLoginException());
      return out;
    }
    Peer p = peer;
    if (wait == 0) {
      start(peerKey, p, scheduler, login, out);
    } else {
      schedule(
          scheduler,
          () -> {
            boolean stopped;
            synchronized (lock) {
              p.queued--;
              stopped = closed;
            }
            if (stopped) {
              finished(p, false);
              out.completeExceptionally(
                  new IllegalStateException("login throttle: closed before the attempt started"));
            } else {
              start(peerKey, p, scheduler, login, out);
            }
          },
          wait);
    }
    return out;
  }

  private <T> void start(
      String peerKey,
      Peer peer,
      ScheduledExecutorService scheduler,
      Supplier<? extends CompletionStage<T>> login,
      CompletableFuture<T> out) {
    CompletionStage<T> stage;
    try {
      stage = Objects.requireNonNull(login.get(), "login returned no stage");
    } catch (RuntimeException e) {
      finished(peer, false);
      out.completeExceptionally(e);
      return;
    }
    stage.whenComplete(
        (value, failure) -> {
          if (failure == null) {
            finished(peer, true);
            out.complete(value);
            return;
          }
          Throwable cause = unwrap(failure);
          if (!(cause instanceof UnauthorizedLoginException)) {
            finished(peer, false);
            out.completeExceptionally(cause);
            return;
          }
          long delay = failed(peer);
          if (delay == 0) {
            out.completeExceptionally(cause);
          } else {
            logger.debug("Login failure from {}: answering in {} ms", peerKey, delay / 1_000_000);
            schedule(scheduler, () -> out.completeExceptionally(cause), delay);
          }
        });
  }

  /** Records the end of an attempt that did not fail its credentials check. */
  private void finished(Peer peer, boolean succeeded) {
    synchronized (lock) {
      peer.inFlight--;
      if (succeeded) {
        peer.failures = 0;
        peer.nextStart = Long.MIN_VALUE;
      }
    }
  }

  /** Records a failed credentials check; returns how long to delay its answer, in nanoseconds. */
  private long failed(Peer peer) {
    long now = ticker.getAsLong();
    synchronized (lock) {
      peer.inFlight--;
      peer.failures++;
      peer.lastFailure = now;
      if (peer.failures <= freeAttempts) {
        return 0;
      }
      long delay = delayFor(peer.failures);
      peer.nextStart = Math.max(peer.nextStart, saturatedAdd(now, delay));
      return delay;
    }
  }

  /** The delay due to failure number {@code failures}: 0 up to freeAttempts, then doubling. */
  long delayFor(int failures) {
    int k = failures - freeAttempts;
    if (k <= 0) {
      return 0;
    }
    if (k - 1 >= 62 || baseDelayNanos > (maxDelayNanos >> (k - 1))) {
      return maxDelayNanos;
    }
    return Math.min(maxDelayNanos, baseDelayNanos << (k - 1));
  }

  /**
   * Runs {@code action} after {@code delayNanos} on {@code scheduler}, or at once if the throttle is
   * closed or the scheduler refuses it (answering early rather than never).
   */
  private void schedule(ScheduledExecutorService scheduler, Runnable action, long delayNanos) {
    Delayed task = new Delayed(action);
    pending.add(task);
    if (closed) {
      task.run();
      return;
    }
    try {
      scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  /** A scheduled action that runs at most once, whether the scheduler or {@link #close()} runs it. */
  private final class Delayed implements Runnable {
    private final Runnable action;
    private final AtomicBoolean ran = new AtomicBoolean();

    Delayed(Runnable action) {
      this.action = action;
    }

    @Override
    public void run() {
      if (ran.compareAndSet(false, true)) {
        pending.remove(this);
        action.run();
      }
    }
  }

  /**
   * Number of peers currently remembered; at most {@code maxTrackedPeers}.
   *
   * @return the number of peers remembered, 0 to {@code maxTrackedPeers}
   */
  public int trackedPeers() {
    synchronized (lock) {
      return peers.size();
    }
  }

  /**
   * Failures counted for {@code peerKey} within the window, 0 if it is not remembered.
   *
   * @param peerKey the peer's key, as passed to {@code attempt}
   * @return the peer's failures counted within the window, 0 or more
   */
  public int failures(String peerKey) {
    long now = ticker.getAsLong();
    synchronized (lock) {
      Peer p = peers.get(peerKey);
      return p == null || p.forgettable(now, windowNanos) ? 0 : p.failures;
    }
  }

  /**
   * Refuses further attempts and stops waiting: delayed answers are delivered at once, and attempts
   * still waiting to start fail with {@link IllegalStateException}, on the calling thread. Stops the
   * scheduler if the throttle owns it; a caller's scheduler is left alone. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    for (Delayed task : List.copyOf(pending)) {
      task.run();
    }
    if (ownsScheduler) {
      scheduler.shutdownNow();
    }
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** What the throttle remembers of one peer. Guarded by the throttle's lock. */
  private static final class Peer {
    int failures;
    int inFlight;
    int queued;
    long lastFailure;
    long nextStart = Long.MIN_VALUE;

    /** True if nothing is running and the last failure is older than the window. */
    boolean forgettable(long now, long window) {
      return inFlight == 0 && (failures == 0 || now - lastFailure >= window);
    }
  }

  /** Builds a {@link LoginThrottle}. Not thread-safe. */
  public static final class Builder {
    private int freeAttempts = DEFAULT_FREE_ATTEMPTS;
    private Duration baseDelay = DEFAULT_BASE_DELAY;
    private Duration maxDelay = DEFAULT_MAX_DELAY;
    private Duration window = DEFAULT_WINDOW;
    private int maxTrackedPeers = DEFAULT_MAX_TRACKED_PEERS;
    private int maxQueuedAttempts = DEFAULT_MAX_QUEUED_ATTEMPTS;
    private ScheduledExecutorService scheduler;
    private LongSupplier ticker = System::nanoTime;

    private Builder() {}

    /**
     * Failures per peer answered without delay, 0 or more (default 3).
     *
     * @param freeAttempts failures per peer answered at once; 0 or more, checked by {@link
     *     #build()}
     * @return this builder
     */
    public Builder freeAttempts(int freeAttempts) {
      this.freeAttempts = freeAttempts;
      return this;
    }

    /**
     * Delay after the first failure beyond the free ones, then doubled each time (default 1 s).
     *
     * @param baseDelay the first delay; positive, checked by {@link #build()}; not null
     * @return this builder
     */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = Objects.requireNonNull(baseDelay, "baseDelay");
      return this;
    }

    /**
     * Longest delay, at least {@code baseDelay} (default 1 min).
     *
     * @param maxDelay the cap on delays; at least {@code baseDelay}, checked by {@link #build()};
     *     not null
     * @return this builder
     */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = Objects.requireNonNull(maxDelay, "maxDelay");
      return this;
    }

    /**
     * Time without failures after which a peer is forgotten (default 15 min).
     *
     * @param window the time without failures after which a peer is forgotten; positive; not null
     * @return this builder
     */
    public Builder window(Duration window) {
      this.window = Objects.requireNonNull(window, "window");
      return this;
    }

    /**
     * Most peers remembered; the least recently active is forgotten first (default 10,000).
     *
     * @param maxTrackedPeers peers remembered at most; 1 or more, checked by {@link #build()}
     * @return this builder
     */
    public Builder maxTrackedPeers(int maxTrackedPeers) {
      this.maxTrackedPeers = maxTrackedPeers;
      return this;
    }

    /**
     * Most attempts of one peer that may wait to start; more are refused (default 8).
     *
     * @param maxQueuedAttempts attempts of one peer that may wait at once; 0 or more (0: none
     *     waits)
     * @return this builder
     */
    public Builder maxQueuedAttempts(int maxQueuedAttempts) {
      this.maxQueuedAttempts = maxQueuedAttempts;
      return this;
    }

    /**
     * Scheduler for delays, owned by the caller (not stopped by {@link LoginThrottle#close()}).
     * Default: one daemon thread owned by the throttle.
     *
     * @param scheduler runs the delayed starts and answers of attempts given no scheduler; not null
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Source of monotonic nanoseconds (default {@link System#nanoTime()}); tests pass the clock of
     * their fake scheduler.
     *
     * @param ticker returns monotonic nanoseconds, as {@link System#nanoTime()} does; not null
     * @return this builder
     */
    public Builder ticker(LongSupplier ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Returns the throttle.
     *
     * @return a new throttle; close it when done if it owns its scheduler
     * @throws IllegalArgumentException naming the first option out of range
     */
    public LoginThrottle build() {
      if (freeAttempts < 0) {
        throw new IllegalArgumentException("freeAttempts: " + freeAttempts + " (expected: >= 0)");
      }
      if (baseDelay.isNegative() || baseDelay.isZero()) {
        throw new IllegalArgumentException("baseDelay: " + baseDelay + " (expected: > 0)");
      }
      if (maxDelay.compareTo(baseDelay) < 0) {
        throw new IllegalArgumentException(
            "maxDelay: " + maxDelay + " (expected: >= baseDelay " + baseDelay + ")");
      }
      if (window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("window: " + window + " (expected: > 0)");
      }
      if (maxTrackedPeers < 1) {
        throw new IllegalArgumentException("maxTrackedPeers: " + maxTrackedPeers + " (expected: >= 1)");
      }
      if (maxQueuedAttempts < 0) {
        throw new IllegalArgumentException(
            "maxQueuedAttempts: " + maxQueuedAttempts + " (expected: >= 0)");
      }
      return new LoginThrottle(this);
    }
  }
}
