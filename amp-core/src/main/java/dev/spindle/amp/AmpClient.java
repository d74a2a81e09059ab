package dev.spindle.amp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
  private final Bootstrap bootstrap;
  private final ConnectionSetup setup;
  private final EventLoopGroup ownedGroup;

  private AmpClient(Bootstrap bootstrap, ConnectionSetup setup, EventLoopGroup ownedGroup) {
    this.bootstrap = bootstrap;
    this.setup = setup;
    this.ownedGroup = ownedGroup;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects to {@code host}:{@code port}. The future completes with the connection once it is
   * established, or fails with the connect error.
   */
  public CompletableFuture<AmpConnection> connect(String host, int port) {
    return connect(InetSocketAddress.createUnresolved(host, port));
  }

  /** Connects to {@code address}. See {@link #connect(String, int)}. */
  public CompletableFuture<AmpConnection> connect(InetSocketAddress address) {
    CompletableFuture<AmpConnection> result = new CompletableFuture<>();
    AtomicReference<AmpConnection> connection = new AtomicReference<>();
    Bootstrap b = bootstrap.clone().handler(setup.initializer(null, connection::set));
    ChannelFuture f = b.connect(address.isUnresolved()
        ? new InetSocketAddress(address.getHostString(), address.getPort())
        : address);
    f.addListener(
        done -> {
          if (done.isSuccess()) {
            result.complete(connection.get());
          } else {
            result.completeExceptionally(
                new ConnectionLostException("cannot connect to " + address, done.cause()));
          }
        });
    return result;
  }

  /**
   * Shuts down the event loops if the client created them, which closes its connections. A
   * user-supplied group is left alone.
   */
  @Override
  public void close() {
    if (ownedGroup != null) {
      ownedGroup.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** Builds an {@link AmpClient}. */
  public static final class Builder extends AmpEndpointBuilder<Builder> {
    private Builder() {}

    /** Builds the client. */
    public AmpClient build() {
      ConnectionSetup setup = setup();
      EventLoopGroup owned =
          group == null ? new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory()) : null;
      Bootstrap b =
          new Bootstrap().group(group != null ? group : owned).channel(NioSocketChannel.class);
      return new AmpClient(b, setup, owned);
    }
  }
}
