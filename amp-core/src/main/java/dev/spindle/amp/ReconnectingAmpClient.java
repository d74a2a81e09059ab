package dev.spindle.amp;

import dev.spindle.transport.ReconnectPolicy;
import dev.spindle.transport.ReconnectingClientBuilder;
import dev.spindle.transport.ReconnectingClient;
import java.net.InetSocketAddress;
import java.util.Objects;
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
public final class ReconnectingAmpClient extends ReconnectingClient<AmpConnection, ReconnectingAmpClient> {
  private ReconnectingAmpClient(
      Builder b, ReconnectPolicy policy, ScheduledExecutorService scheduler, RandomGenerator random) {
    super(
        b.address.toString(),
        () -> b.client.connect(b.address),
        AmpConnection::closeFuture,
        AmpConnection::close,
        AmpConnection::isOpen,
        scheduler(scheduler, b.client),
        policy,
        random,
        b.onConnection);
  }

  /**
   * Returns a builder that will connect {@code client} to {@code host}:{@code port}.
   *
   * @param client the client whose options each connection has; not closed by this one
   * @param host the server's host name or address, resolved at each attempt
   * @param port the server's port
   * @return a new builder
   */
  public static Builder builder(AmpClient client, String host, int port) {
    return new Builder(client, InetSocketAddress.createUnresolved(host, port));
  }

  /**
   * The current connection, or null while disconnected.
   *
   * @return the open connection, or null while disconnected
   */
  public AmpConnection connection() {
    return current();
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

    /**
     * Called with each new connection, on its event loop.
     *
     * @param onConnection receives each new connection; not null
     * @return this builder
     */
    public Builder onConnection(Consumer<AmpConnection> onConnection) {
      this.onConnection = Objects.requireNonNull(onConnection, "onConnection");
      return this;
    }

    /**
     * Builds the client; {@link ReconnectingAmpClient#start()} starts it.
     *
     * @return a new client, not started
     */
    public ReconnectingAmpClient build() {
      return new ReconnectingAmpClient(this, policy, scheduler, random);
    }

    /**
     * Builds and starts the client.
     *
     * @return the new client, connecting
     */
    public ReconnectingAmpClient start() {
      return build().start();
    }
  }
}
