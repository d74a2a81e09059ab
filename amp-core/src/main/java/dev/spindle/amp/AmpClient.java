package dev.spindle.amp;

import dev.spindle.amp.exceptions.AmpTlsHandshakeException;
import dev.spindle.amp.exceptions.AmpConnectionLostException;
import dev.spindle.transport.Client;
import dev.spindle.transport.IoTransport;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

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
public final class AmpClient extends Client {
  private final AmpSetup setup;

  private AmpClient(EventLoopGroup group, IoTransport transport, AmpSetup setup) {
    super("AmpClient", group, transport);
    this.setup = setup;
  }

  /**
   * Returns a new builder.
   *
   * @return a new builder with the default options
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects to {@code host}:{@code port}. The future completes with the connection once it is
   * established, or fails with the connect error.
   *
   * @param host the server's host name or address; not null
   * @param port the server's TCP port
   * @return a future that completes with the open connection, or exceptionally with the connect
   *     error
   */
  public CompletableFuture<AmpConnection> connect(String host, int port) {
    return connect(InetSocketAddress.createUnresolved(host, port));
  }

  /**
   * Connects to {@code address}. See {@link #connect(String, int)}. Thread-safe. A host name is
   * looked up off the event loops.
   *
   * @param address the server's address, resolved or not; not null
   * @return a future that completes with the open connection, or exceptionally with the connect
   *     error
   */
  public CompletableFuture<AmpConnection> connect(InetSocketAddress address) {
    return open(address.getHostString(), address.getPort(), ch -> setup.init(ch, address),
        AmpConnectionLostException::new, AmpTlsHandshakeException::new);
  }

  /** Builds an {@link AmpClient}. */
  public static final class Builder extends AmpEndpointBuilder<Builder> {
    private Builder() {}

    /**
     * Turns off the check that the server's TLS certificate names the host connected to (for
     * {@link #sslContext} and StartTLS). Insecure: any server with a certificate the trust manager
     * accepts can then impersonate any other. The certificate chain is still verified unless the
     * context's trust manager says otherwise.
     *
     * @return this builder
     */
    public Builder insecureSkipHostnameVerification() {
      this.verifyHostname = false;
      return this;
    }

    /**
     * Builds the client.
     *
     * @return a new client; close it to release its event loops
     */
    public AmpClient build() {
      checkTlsRole(false, startTlsContext);
      AmpSetup setup = setup();
      return new AmpClient(group, ioTransport, setup);
    }
  }
}
