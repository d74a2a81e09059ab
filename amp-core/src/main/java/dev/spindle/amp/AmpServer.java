package dev.spindle.amp;

import dev.spindle.amp.exceptions.AmpException;
import dev.spindle.amp.exceptions.ConnectionLostException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
  private static final Logger logger = LoggerFactory.getLogger(AmpServer.class);
  private static final long CLOSE_WAIT_SECONDS = 10;

  private final Channel serverChannel;
  private final ChannelGroup connections;
  private final EventLoopGroup ownedGroup;
  private CompletableFuture<Void> closing; // guarded by this

  private AmpServer(Channel serverChannel, ChannelGroup connections, EventLoopGroup ownedGroup) {
    this.serverChannel = serverChannel;
    this.connections = connections;
    this.ownedGroup = ownedGroup;
  }

  /** Returns a new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The bound address. */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** The bound port (useful after binding port 0). */
  public int port() {
    return address().getPort();
  }

  /**
   * Stops listening, closes every connection it accepted (their pending calls fail with {@link
   * ConnectionLostException}) and, if the server created its own event loops, shuts them down.
   * Blocks until done, at most 10 seconds; do not call it on one of the
   * server's event loops. Idempotent.
   */
  @Override
  public void close() {
    try {
      closeAsync().toCompletableFuture().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      logger.warn("{} did not close within {} s", this, CLOSE_WAIT_SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new AmpException("closing " + this + " failed", e.getCause());
    }
  }

  /** Like {@link #close()}, without blocking. Thread-safe and idempotent. */
  public CompletionStage<Void> closeAsync() {
    CompletableFuture<Void> done;
    synchronized (this) {
      if (closing != null) {
        return closing.minimalCompletionStage();
      }
      done = closing = new CompletableFuture<>();
    }
    ConnectionSetup.closeAll(List.of(serverChannel))
        .thenCompose(
            v -> {
              List<Channel> accepted = new ArrayList<>(connections);
              connections.close(); // and close any connection added from now on
              return ConnectionSetup.closeAll(accepted);
            })
        .whenComplete(
            (v, t) -> {
              if (ownedGroup == null) {
                done.complete(null);
              } else {
                // The termination future notifies on the global executor, not on a dying loop.
                ownedGroup
                    .shutdownGracefully(0, 2, TimeUnit.SECONDS)
                    .addListener(g -> done.complete(null));
              }
            });
    return done.minimalCompletionStage();
  }

  @Override
  public String toString() {
    return "AmpServer{" + serverChannel.localAddress() + "}";
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
      checkTlsRole(true);
      ConnectionSetup setup = setup();
      EventLoopGroup owned =
          group == null ? new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory()) : null;
      EventLoopGroup g = group != null ? group : owned;
      // stayClosed: a connection accepted while the server closes is closed as it is added.
      ChannelGroup connections =
          new DefaultChannelGroup("amp-server", GlobalEventExecutor.INSTANCE, true);
      ServerBootstrap b =
          new ServerBootstrap()
              .group(g)
              .channel(NioServerSocketChannel.class)
              .childHandler(setup.initializer(connections::add, null));
      // Not syncUninterruptibly(): it rethrows checked causes such as BindException unwrapped.
      ChannelFuture bound = b.bind(host, port).awaitUninterruptibly();
      if (!bound.isSuccess()) {
        if (owned != null) {
          owned.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        }
        throw new AmpException(
            "cannot listen on " + host + ":" + port + ": " + bound.cause(), bound.cause());
      }
      return new AmpServer(bound.channel(), connections, owned);
    }
  }
}
