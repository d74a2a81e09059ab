package dev.spindle.amp;

import dev.spindle.amp.exceptions.AmpConnectionLostException;
import dev.spindle.amp.exceptions.AmpException;
import dev.spindle.transport.internal.ConnectionLimits;
import dev.spindle.transport.internal.ServerEndpoint;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * An AMP server listening on a TCP port.
 *
 * <pre>{@code
 * AmpServer server = AmpServer.builder()
 *     .locator(CommandLocator.of(new Calculator()))
 *     .bind("127.0.0.1", 0)
 *     .start();
 * int port = server.port();
 * ...
 * server.close();
 * }</pre>
 *
 * <p>Each accepted connection gets its own dispatcher and locator, confined to one event loop.
 * Thread-safe. Twisted equivalent: a {@code ServerFactory} of {@code AMP} listening with {@code
 * reactor.listenTCP}.
 */
public final class AmpServer implements AutoCloseable {
  private final ServerEndpoint endpoint;

  private AmpServer(ServerEndpoint endpoint) {
    this.endpoint = endpoint;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) endpoint.address();
  }

  /** The bound port (useful after binding port 0). */
  public int port() {
    return address().getPort();
  }

  /**
   * Stops listening, closes every connection it accepted (their pending calls fail with {@link
   * AmpConnectionLostException}) and, if the server created its own event loops, shuts them down.
   * Blocks until done, at most 10 seconds; do not call it on one of the
   * server's event loops. Idempotent.
   */
  @Override
  public void close() {
    endpoint.close(AmpException::new);
  }

  /** Like {@link #close()}, without blocking. Thread-safe and idempotent. */
  public CompletionStage<Void> closeAsync() {
    return endpoint.closeAsync();
  }

  @Override
  public String toString() {
    return "AmpServer{" + endpoint.address() + "}";
  }

  /** Builds an {@link AmpServer}. */
  public static final class Builder extends AmpEndpointBuilder<Builder> {
    private String host = "127.0.0.1";
    private int port;

    private Builder() {}

    /** Listens on {@code host}:{@code port} (default 127.0.0.1:0, an ephemeral port). */
    public Builder bind(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
      }
      this.host = host;
      this.port = port;
      return this;
    }

    /**
     * Binds and starts accepting connections; blocks until bound.
     *
     * @throws AmpException if the address cannot be bound
     */
    public AmpServer start() {
      checkTlsRole(true, startTlsContext);
      AmpSetup setup = setup();
      setup.budget = ConnectionLimits.budget(transportOptions);
      return new AmpServer(ServerEndpoint.bind(
          "amp-server", group, ioTransport, new InetSocketAddress(host, port), setup::init, AmpException::new));
    }
  }
}
