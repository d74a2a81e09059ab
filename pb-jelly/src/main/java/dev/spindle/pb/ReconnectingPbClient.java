package dev.spindle.pb;

import dev.spindle.cred.Credentials;
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
 * Stays logged in to a PB server: connects and logs in, and whenever the connection is lost or an
 * attempt (connect or login) fails, tries again after a back-off ({@link ReconnectPolicy},
 * Twisted's by default), as a Buildbot worker does with {@code pb.PBClientFactory} under a
 * {@code ReconnectingClientFactory}. The back-off is reset on each successful login.
 *
 * <pre>{@code
 * try (PbClient client = PbClient.builder().keepalive(ofSeconds(30), ofSeconds(10)).build();
 *     ReconnectingPbClient worker = ReconnectingPbClient
 *         .builder(client, "127.0.0.1", 9989, UsernamePassword.of("worker", "pass"), new Bot())
 *         .onLogin(avatar -> avatar.callRemote("attached"))
 *         .start()) {
 *   RemoteReference avatar = worker.avatar(); // null while disconnected
 * }
 * }</pre>
 *
 * <p>The connections are the {@link PbClient}'s: its options apply to each. {@link #stop()} stops
 * retrying and leaves the current connection open; {@link #close()} also closes it. Thread-safe.
 * Retries are scheduled on the client's event loops (or the given scheduler); the listener runs on
 * the connection's event loop.
 */
public final class ReconnectingPbClient implements AutoCloseable {
  private static final Logger logger = LoggerFactory.getLogger(ReconnectingPbClient.class);

  private final PbClient client;
  private final String host;
  private final int port;
  private final Credentials credentials;
  private final Object mind;
  private final ScheduledExecutorService scheduler;
  private final Consumer<RemoteReference> onLogin;
  // Touched by one step of the reconnect chain at a time (each step starts the next).
  private final ReconnectPolicy.State backoff;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();
  private volatile RemoteReference avatar;
  private volatile ScheduledFuture<?> pending;
  private volatile boolean stopping;

  private ReconnectingPbClient(Builder b) {
    this.client = b.client;
    this.host = b.host;
    this.port = b.port;
    this.credentials = b.credentials;
    this.mind = b.mind;
    this.scheduler = b.scheduler != null ? b.scheduler : b.client.group();
    this.onLogin = b.onLogin;
    this.backoff = new ReconnectPolicy.State(b.policy, b.random);
  }

  /**
   * Returns a builder that will log in to {@code host}:{@code port} with {@code credentials},
   * offering {@code mind} (may be null) to the server's realm, as {@link PbClient#login} does.
   */
  public static Builder builder(PbClient client, String host, int port, Credentials credentials, Object mind) {
    return new Builder(client, host, port, credentials, mind);
  }

  /** Starts connecting (at once); returns this. Call it once. */
  public ReconnectingPbClient start() {
    attempt();
    return this;
  }

  /** The avatar of the current login, or null while disconnected or logging in. */
  public RemoteReference avatar() {
    RemoteReference a = avatar;
    return a != null && a.isConnected() ? a : null;
  }

  /**
   * Stops retrying (Twisted's {@code stopTrying}): a scheduled attempt is cancelled, an attempt
   * under way is closed as it logs in; the current connection stays open. Idempotent.
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

  /** Stops retrying and closes the current connection. Does not close the {@link PbClient}. */
  @Override
  public void close() {
    stop();
    RemoteReference a = avatar;
    if (a != null) {
      a.connection().close();
    }
  }

  private void attempt() {
    pending = null;
    if (stopping) {
      return;
    }
    client.login(host, port, credentials, mind).whenComplete((a, failure) -> {
      if (failure != null) {
        logger.debug("logging in to {}:{} failed: {}", host, port, failure.toString());
        retry();
        return;
      }
      PbConnection c = a.connection();
      if (stopping) {
        c.close();
        return;
      }
      backoff.reset();
      avatar = a;
      c.closeFuture().whenComplete((v, e) -> {
        logger.debug("connection to {}:{} lost", host, port);
        retry();
      });
      if (onLogin != null) {
        try {
          onLogin.accept(a);
        } catch (RuntimeException e) {
          logger.warn("onLogin callback failed", e);
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
      logger.debug("giving up on {}:{}: maxRetries reached", host, port);
      stopping = true;
      stopped.complete(null);
      return;
    }
    logger.debug("logging in to {}:{} again in {} ms", host, port, delay.toMillis());
    try {
      pending = scheduler.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      stopping = true;
      stopped.complete(null);
      return;
    }
    if (stopping) {
      pending.cancel(false); // stop() ran while this was being scheduled
    }
  }

  /** Builds a {@link ReconnectingPbClient}. Not thread-safe. */
  public static final class Builder {
    private final PbClient client;
    private final String host;
    private final int port;
    private final Credentials credentials;
    private final Object mind;
    private ReconnectPolicy policy = ReconnectPolicy.TWISTED;
    private ScheduledExecutorService scheduler;
    private RandomGenerator random = RandomGenerator.getDefault();
    private Consumer<RemoteReference> onLogin;

    private Builder(PbClient client, String host, int port, Credentials credentials, Object mind) {
      this.client = Objects.requireNonNull(client, "client");
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      this.mind = mind;
    }

    /** When to try again (default {@link ReconnectPolicy#TWISTED}). */
    public Builder policy(ReconnectPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** Called with the avatar of each successful login, on its connection's event loop. */
    public Builder onLogin(Consumer<RemoteReference> onLogin) {
      this.onLogin = Objects.requireNonNull(onLogin, "onLogin");
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

    /** Builds the client; {@link ReconnectingPbClient#start()} starts it. */
    public ReconnectingPbClient build() {
      return new ReconnectingPbClient(this);
    }

    /** Builds and starts the client. */
    public ReconnectingPbClient start() {
      return build().start();
    }
  }
}
