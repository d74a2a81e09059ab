package dev.spindle.amp;

import dev.spindle.amp.exceptions.AmpTlsHandshakeException;
import dev.spindle.amp.exceptions.AmpConnectionLostException;
import dev.spindle.transport.internal.ClientEndpoint;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens AMP connections to servers. One client can open many connections; they share its event
 * loops and options.
 *
 * <pre>{@code
 * try (AmpClient client = AmpClient.builder().build()) {
 *   AmpConnection c = client.connect("127.0.0.1", port).join();
 *   long total = c.callRemote(new Sum(13, 81)).join().total();
 * }
 * }</pre>
 *
 * <p>Give the builder a locator to answer commands the server sends back on the same connection.
 * Thread-safe. Twisted equivalent: {@code ClientCreator(reactor, AMP).connectTCP}.
 */
public final class AmpClient implements AutoCloseable {
  private final ClientEndpoint endpoint;
  private final AmpSetup setup;

  private AmpClient(ClientEndpoint endpoint, AmpSetup setup) {
    this.endpoint = endpoint;
    this.setup = setup;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The event loops the connections run on. */
  EventLoopGroup group() {
    return endpoint.group();
  }

  /**
   * Connects to {@code host}:{@code port}. The future completes with the connection once it is
   * established, or fails with the connect error.
   */
  public CompletableFuture<AmpConnection> connect(String host, int port) {
    return connect(InetSocketAddress.createUnresolved(host, port));
  }

  /**
   * Connects to {@code address}. See {@link #connect(String, int)}. Thread-safe. A host name is
   * looked up off the event loops.
   */
  public CompletableFuture<AmpConnection> connect(InetSocketAddress address) {
    AtomicReference<AmpConnection> connection = new AtomicReference<>();
    return endpoint.connect(
            address.getHostString(),
            address.getPort(),
            ch -> connection.set(setup.init(ch, address)),
            AmpConnectionLostException::new,
            AmpTlsHandshakeException::new)
        .thenApply(ch -> connection.get());
  }

  /**
   * Closes every connection this client opened (their pending calls fail with {@link
   * AmpConnectionLostException}) and, if the client created its event loops, shuts them down. A
   * user-supplied group is left running. Later {@code connect} calls fail. Blocks until done, at
   * most 10 seconds (as a server); do not call it on one of the client's event loops. Idempotent.
   */
  @Override
  public void close() {
    endpoint.close();
  }

  /** Like {@link #close()}, without blocking. Thread-safe and idempotent. */
  public CompletionStage<Void> closeAsync() {
    return endpoint.closeAsync();
  }

  /** Builds an {@link AmpClient}. */
  public static final class Builder extends AmpEndpointBuilder<Builder> {
    private Builder() {}

    /**
     * Turns off the check that the server's TLS certificate names the host connected to (for
     * {@link #sslContext} and StartTLS). Insecure: any server with a certificate the trust manager
     * accepts can then impersonate any other. The certificate chain is still verified unless the
     * context's trust manager says otherwise.
     */
    public Builder insecureSkipHostnameVerification() {
      this.verifyHostname = false;
      return this;
    }

    /** Builds the client. */
    public AmpClient build() {
      checkTlsRole(false, startTlsContext);
      AmpSetup setup = setup();
      return new AmpClient(new ClientEndpoint("amp-client", group, ioTransport), setup);
    }
  }
}
