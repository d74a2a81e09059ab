package dev.spindle.amp;

import dev.spindle.amp.exceptions.AmpException;
import dev.spindle.transport.IoTransport;
import dev.spindle.transport.Server;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;

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
public final class AmpServer extends Server {
  private AmpServer(
      InetSocketAddress address, EventLoopGroup group, IoTransport transport, AmpSetup setup) {
    super("AmpServer", group, transport, address, setup::init, AmpException::new);
  }

  /**
   * Returns a new builder.
   *
   * @return a new builder with the default options, bound to 127.0.0.1 on an ephemeral port
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds an {@link AmpServer}. */
  public static final class Builder extends AmpEndpointBuilder<Builder> {
    private String host = "127.0.0.1";
    private int port;

    private Builder() {}

    /**
     * Listens on {@code host}:{@code port} (default 127.0.0.1:0, an ephemeral port).
     *
     * @param host the address to listen on, such as {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port the TCP port, 0 to 65,535; 0 picks a free one
     * @return this builder
     * @throws IllegalArgumentException if {@code port} is out of range
     */
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
     * @return the running server; close it to stop listening
     * @throws AmpException if the address cannot be bound
     */
    public AmpServer start() {
      checkTlsRole(true, startTlsContext);
      AmpSetup setup = setup(true);
      return new AmpServer(new InetSocketAddress(host, port), group, ioTransport, setup);
    }
  }
}
