package dev.spindle.amp;

import dev.spindle.transport.ReconnectPolicy;
import dev.spindle.transport.ReconnectingClientBuilder;
import dev.spindle.transport.internal.Reconnector;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

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
  private final Reconnector<AmpConnection> reconnector;

  private ReconnectingAmpClient(
      Builder b, ReconnectPolicy policy, ScheduledExecutorService scheduler, RandomGenerator random) {
    AmpClient client = b.client;
    InetSocketAddress address = b.address;
    this.reconnector = new Reconnector<>(
        address.toString(),
        Reconnector.target(
            () -> client.connect(address),
            AmpConnection::closeFuture,
            AmpConnection::close,
            AmpConnection::isOpen),
        scheduler != null ? scheduler : client.group(),
        policy,
        random,
        b.onConnection);
  }

  /** Returns a builder that will connect {@code client} to {@code host}:{@code port}. */
  public static Builder builder(AmpClient client, String host, int port) {
    return new Builder(client, InetSocketAddress.createUnresolved(host, port));
  }

  /** Starts connecting (at once); returns this. Thread-safe; call it once. */
  public ReconnectingAmpClient start() {
    reconnector.start();
    return this;
  }

  /** The current connection, or null while disconnected. */
  public AmpConnection connection() {
    return reconnector.current();
  }

  /**
   * Stops retrying (Twisted's {@code stopTrying}): a scheduled attempt is cancelled, an attempt
   * under way is closed as it connects; the current connection stays open. Idempotent.
   */
  public void stop() {
    reconnector.stop();
  }

  /** Tries at once if an attempt is scheduled (after a server restart, say). */
  public void reconnectNow() {
    reconnector.reconnectNow();
  }

  /** Completes once this client stops trying: {@link #stop()} or {@code maxRetries} reached. */
  public CompletionStage<Void> stopped() {
    return reconnector.stopped();
  }

  /** Stops retrying and closes the current connection. Does not close the {@link AmpClient}. */
  @Override
  public void close() {
    reconnector.close();
  }

  /**
   * Builds a {@link ReconnectingAmpClient}: {@link #policy}, {@link #scheduler} and {@link #random}
   * are shared with PB's reconnecting client. Not thread-safe.
   */
  public static final class Builder extends ReconnectingClientBuilder<Builder> {
    private final AmpClient client;
    private final InetSocketAddress address;
    private Consumer<AmpConnection> onConnection;

    private Builder(AmpClient client, InetSocketAddress address) {
      this.client = Objects.requireNonNull(client, "client");
      this.address = address;
    }

    /** Called with each new connection, on its event loop. */
    public Builder onConnection(Consumer<AmpConnection> onConnection) {
      this.onConnection = Objects.requireNonNull(onConnection, "onConnection");
      return this;
    }

    /** Builds the client; {@link ReconnectingAmpClient#start()} starts it. */
    public ReconnectingAmpClient build() {
      return new ReconnectingAmpClient(this, policy, scheduler, random);
    }

    /** Builds and starts the client. */
    public ReconnectingAmpClient start() {
      return build().start();
    }
  }
}
