package dev.spindle.pb;

import dev.spindle.cred.Credentials;
import dev.spindle.transport.ReconnectPolicy;
import dev.spindle.transport.ReconnectingClientBuilder;
import dev.spindle.transport.ReconnectingClient;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Stays logged in to a PB server: connects and logs in, and whenever the connection is lost or an
 * attempt (connect or login) fails, tries again after a back-off ({@link ReconnectPolicy},
 * Twisted's by default), as a Buildbot worker does with {@code pb.PBClientFactory} under a
 * {@code ReconnectingClientFactory}. The back-off is reset on each successful login.
 *
 * <pre>{@code
 * try (PbClient client = PbClient.builder().build();
 *     ReconnectingPbClient worker = ReconnectingPbClient
 *         .builder(client, "127.0.0.1", 9989, UsernamePassword.of("worker", "pass"), new Bot())
 *         .onLogin(avatar -> log.info("logged in: {}", avatar))
 *         .start()) {
 *   // A Buildbot worker calls the master's perspective_keepalive itself, every
 *   // keepalive_interval (600 s by default); the master counts only that as activity.
 *   scheduler.scheduleAtFixedRate(() -> {
 *     RemoteReference avatar = worker.avatar();   // null while disconnected
 *     if (avatar != null) {
 *       avatar.callRemote("keepalive");
 *     }
 *   }, 600, 600, TimeUnit.SECONDS);
 *   ...
 * }
 * }</pre>
 *
 * <p>The builders' {@code keepalive(interval, timeout)} is a different thing: a transport-level
 * ping that detects a dead connection. Its PB ping is a message to object id 0, which a Twisted
 * broker answers with {@code pb.Error("Invalid Object ID")}: it keeps the connection's liveness
 * known to this side, but a Buildbot master does not count it as worker activity. Use both if you
 * want both.
 *
 * <p>The connections are the {@link PbClient}'s: its options apply to each. {@link #stop()} stops
 * retrying and leaves the current connection open; {@link #close()} also closes it. Thread-safe.
 * Retries are scheduled on the client's event loops (or the given scheduler); the listener runs on
 * the connection's event loop.
 */
public final class ReconnectingPbClient extends ReconnectingClient<RemoteReference, ReconnectingPbClient> {
  private ReconnectingPbClient(
      Builder b, ReconnectPolicy policy, ScheduledExecutorService scheduler, RandomGenerator random) {
    super(
        b.host + ":" + b.port,
        () -> b.client.login(b.host, b.port, b.credentials, b.mind),
        a -> a.connection().closeFuture(),
        a -> a.connection().close(),
        RemoteReference::isConnected,
        scheduler(scheduler, b.client),
        policy,
        random,
        b.onLogin);
  }

  /**
   * Returns a builder that will log in to {@code host}:{@code port} with {@code credentials},
   * offering {@code mind} (may be null) to the server's realm, as {@link PbClient#login} does.
   *
   * @param client the client whose connections are used; it stays the caller's to close
   * @param host the server's host name or address
   * @param port the server's TCP port, 1 to 65535
   * @param credentials the credentials of every login
   * @param mind the object offered to the realm at every login, or {@code null}
   * @return a new builder
   */
  public static Builder builder(PbClient client, String host, int port, Credentials credentials, Object mind) {
    return new Builder(client, host, port, credentials, mind);
  }

  /** {@return the avatar of the current login, or null while disconnected or logging in} */
  public RemoteReference avatar() {
    return current();
  }

  /**
   * Builds a {@link ReconnectingPbClient}: {@link #policy}, {@link #scheduler} and {@link #random}
   * are shared with AMP's reconnecting client. Not thread-safe.
   */
  public static final class Builder extends ReconnectingClientBuilder<Builder> {
    private final PbClient client;
    private final String host;
    private final int port;
    private final Credentials credentials;
    private final Object mind;
    private Consumer<RemoteReference> onLogin;

    private Builder(PbClient client, String host, int port, Credentials credentials, Object mind) {
      this.client = Objects.requireNonNull(client, "client");
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      this.mind = mind;
    }

    /**
     * Called with the avatar of each successful login, on its connection's event loop.
     *
     * @param onLogin receives each new avatar
     * @return this builder
     */
    public Builder onLogin(Consumer<RemoteReference> onLogin) {
      this.onLogin = Objects.requireNonNull(onLogin, "onLogin");
      return this;
    }

    /**
     * Builds the client; {@link ReconnectingPbClient#start()} starts it.
     *
     * @return a new client, not started
     */
    public ReconnectingPbClient build() {
      return new ReconnectingPbClient(this, policy, scheduler, random);
    }

    /**
     * Builds and starts the client.
     *
     * @return the new client, started
     */
    public ReconnectingPbClient start() {
      return build().start();
    }
  }
}
