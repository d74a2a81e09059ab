package dev.spindle.amp;

import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.exceptions.TlsHandshakeException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger logger = LoggerFactory.getLogger(AmpClient.class);

  private final Bootstrap bootstrap;
  private final ConnectionSetup setup;
  private final EventLoopGroup ownedGroup;
  // stayClosed: a connection that completes while the client closes is closed as it is added.
  private final ChannelGroup connections =
      new DefaultChannelGroup("amp-client", GlobalEventExecutor.INSTANCE, true);
  private volatile boolean closed;

  private AmpClient(Bootstrap bootstrap, ConnectionSetup setup, EventLoopGroup ownedGroup) {
    this.bootstrap = bootstrap;
    this.setup = setup;
    this.ownedGroup = ownedGroup;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The event loops the connections run on. */
  EventLoopGroup group() {
    return bootstrap.config().group();
  }

  /**
   * Connects to {@code host}:{@code port}. The future completes with the connection once it is
   * established, or fails with the connect error.
   */
  public CompletableFuture<AmpConnection> connect(String host, int port) {
    return connect(InetSocketAddress.createUnresolved(host, port));
  }

  /** Connects to {@code address}. See {@link #connect(String, int)}. Thread-safe. */
  public CompletableFuture<AmpConnection> connect(InetSocketAddress address) {
    CompletableFuture<AmpConnection> result = new CompletableFuture<>();
    if (closed) {
      result.completeExceptionally(new ConnectionLostException("client is closed", null));
      return result;
    }
    AtomicReference<AmpConnection> connection = new AtomicReference<>();
    Bootstrap b =
        bootstrap.clone().handler(setup.initializer(connections::add, connection::set, address));
    ChannelFuture f;
    try {
      f = b.connect(address.isUnresolved()
          ? new InetSocketAddress(address.getHostString(), address.getPort())
          : address);
    } catch (RuntimeException e) {
      result.completeExceptionally(new ConnectionLostException("cannot connect to " + address, e));
      return result;
    }
    // Not a plain listener: if the loop is already shut down, it would never be notified.
    ConnectionSetup.whenDone(
        f,
        f.channel(),
        () -> {
          if (f.isSuccess()) {
            AmpConnection c = connection.get();
            SslHandler ssl = f.channel().pipeline().get(SslHandler.class);
            if (ssl == null) {
              result.complete(c);
              return;
            }
            // With TLS, connected means handshaken: a refused certificate fails the connect.
            ssl.handshakeFuture()
                .addListener(
                    h -> {
                      if (h.isSuccess()) {
                        result.complete(c);
                      } else {
                        result.completeExceptionally(
                            new TlsHandshakeException(
                                "TLS handshake with " + address + " failed: " + h.cause(),
                                h.cause()));
                      }
                    });
          } else {
            result.completeExceptionally(
                new ConnectionLostException(
                    "cannot connect to " + address,
                    f.cause() != null ? f.cause() : new IllegalStateException("event loop shut down")));
          }
        });
    return result;
  }

  /**
   * Closes every connection this client opened (their pending calls fail with {@link
   * ConnectionLostException}) and, if the client created its event loops, shuts them down. A
   * user-supplied group is left running. Later {@code connect} calls fail. Blocks until done, at
   * most a few seconds; do not call it on one of the client's event loops. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    List<Channel> open = new ArrayList<>(connections);
    connections.close(); // and close any connection that completes from now on
    try {
      ConnectionSetup.closeAll(open).get(5, TimeUnit.SECONDS);
    } catch (TimeoutException | ExecutionException e) {
      logger.warn("connections of {} did not close within 5 s", this);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownedGroup != null) {
      ownedGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
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
      checkTlsRole(false);
      ConnectionSetup setup = setup();
      EventLoopGroup owned =
          group == null ? new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory()) : null;
      Bootstrap b =
          new Bootstrap().group(group != null ? group : owned).channel(NioSocketChannel.class);
      return new AmpClient(b, setup, owned);
    }
  }
}
