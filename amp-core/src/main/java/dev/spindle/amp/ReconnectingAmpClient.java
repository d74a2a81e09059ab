package dev.spindle.amp;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one AMP connection to a server open: connects, and whenever the connection is lost or an
 * attempt fails, connects again after a back-off ({@link ReconnectPolicy}, Twisted's by default).
 * Twisted equivalent: {@code ReconnectingClientFactory} with {@code resetDelay()} called on each
 * connection.
 *
 * <pre>{@code
 * try (AmpClient client = AmpClient.builder().keepalive(ofSeconds(30), ofSeconds(10)).build();
 *     ReconnectingAmpClient r = ReconnectingAmpClient.builder(client, "127.0.0.1", port)
 *         .onConnection(c -> c.callRemote(new Hello("worker-1")))
 *         .start()) {
 *   AmpConnection now = r.connection(); // null while disconnected
 * }
 * }</pre>
 *
 * <p>The connections are the {@link AmpClient}'s: its options (locator, timeouts, keepalive) apply
 * to each. {@link #stop()} stops retrying and leaves the current connection open; {@link #close()}
 * also closes it. Thread-safe. Retries are scheduled on the client's event loops (or the given
 * scheduler); the listener runs on the new connection's event loop.
 */
public final class ReconnectingAmpClient implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(ReconnectingAmpClient.class);

  private final AmpClient client;
  private final InetSocketAddress address;
  private final ScheduledExecutorService scheduler;
  private final Consumer<AmpConnection> onConnection;
  // Touched by one step of the reconnect chain at a time (each step starts the next).
  private final ReconnectPolicy.State backoff;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile AmpConnection connection;
  private volatile ScheduledFuture<?> pending;
  private volatile boolean stopping;

  private ReconnectingAmpClient(Builder b) {
    this.client = b.client;
    this.address = b.address;
    this.scheduler = b.scheduler != null ? b.scheduler : b.client.group();
    this.onConnection = b.onConnection;
    this.backoff = new ReconnectPolicy.State(b.policy, b.random);
  }

  /** Returns a builder that will connect {@code client} to {@code host}:{@code port}. */
  public static Builder builder(AmpClient client, String host, int port) {
    return new Builder(client, InetSocketAddress.createUnresolved(host, port));
  }

  /** Starts connecting (at once); returns this. Thread-safe; call it once. */
  public ReconnectingAmpClient start() {
    attempt();
    return this;
  }

  /** The current connection, or null while disconnected. */
  public AmpConnection connection() {
    AmpConnection c = connection;
    return c != null && c.isOpen() ? c : null;
  }

  /**
   * Stops retrying (Twisted's {@code stopTrying}): a scheduled attempt is cancelled, an attempt
   * under way is closed as it connects; the current connection stays open. Idempotent.
   */
  public void stop() {
    stopping = true;
    ScheduledFuture<?> p = pending;
    if (p != null) {
      p.cancel(false);
    }
    stopped.complete(null);
  }

  /** Completes once this client stops trying: {@link #stop()} or {@code maxRetries} reached. */
  public CompletionStage<Void> stopped() {
    return stopped.minimalCompletionStage();
  }

  /** Stops retrying and closes the current connection. Does not close the {@link AmpClient}. */
  @Override
  public void close() {
    stop();
    AmpConnection c = connection;
    if (c != null) {
      c.close();
    }
  }

  private void attempt() {
    pending = null;
    if (stopping) {
      return;
    }
    client.connect(address).whenComplete((c, failure) -> {
      if (failure != null) {
        logger.debug("connecting to {} failed: {}", address, failure.toString());
        retry();
        return;
      }
      if (stopping) {
        c.close();
        return;
      }
      backoff.reset();
      connection = c;
      c.closeFuture().whenComplete((v, e) -> {
        logger.debug("connection to {} lost", address);
        retry();
      });
      if (onConnection != null) {
        try {
          onConnection.accept(c);
        } catch (RuntimeException e) {
          logger.warn("onConnection callback failed", e);
        }
      }
    });
  }

  private void retry() {
    if (stopping) {
      return;
    }
    Duration delay = backoff.next();
    if (delay == null) {
      logger.debug("giving up on {} after {} retries", address, "maxRetries");
      stopping = true;
      stopped.complete(null);
      return;
    }
    logger.debug("reconnecting to {} in {} ms", address, delay.toMillis());
    try {
      pending = scheduler.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      logger.debug("scheduler shut down; giving up on {}", address);
      stopping = true;
      stopped.complete(null);
      return;
    }
    if (stopping) {
      pending.cancel(false); // stop() ran while this was being scheduled
    }
  }

  /** Builds a {@link ReconnectingAmpClient}. Not thread-safe. */
  public static final class Builder {
    private final AmpClient client;
    private final InetSocketAddress address;
    private ReconnectPolicy policy = ReconnectPolicy.TWISTED;
    private ScheduledExecutorService scheduler;
    private RandomGenerator random = RandomGenerator.getDefault();
    private Consumer<AmpConnection> onConnection;

    private Builder(AmpClient client, InetSocketAddress address) {
      this.client = Objects.requireNonNull(client, "client");
      this.address = address;
    }

    /** When to try again (default {@link ReconnectPolicy#TWISTED}). */
    public Builder policy(ReconnectPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Called with each new connection, on its event loop. */
    public Builder onConnection(Consumer<AmpConnection> onConnection) {
      this.onConnection = Objects.requireNonNull(onConnection, "onConnection");
      return this;
    }

    /** Where retries are scheduled (default: the client's event loops); for tests, a virtual clock. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The source of the jitter's normal deviates (default {@link RandomGenerator#getDefault()}). */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Builds the client; {@link ReconnectingAmpClient#start()} starts it. */
    public ReconnectingAmpClient build() {
      return new ReconnectingAmpClient(this);
    }

    /** Builds and starts the client. */
    public ReconnectingAmpClient start() {
      return build().start();
    }
  }
}
