package dev.spindle.transport.internal;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The listening side of AMP and PB: the bound channel, the event loops (the user's, never shut
 * down, or its own, shut down on close), the accepted channels, and closing them all with the same
 * wait as a client. The channel class is the one that fits the group ({@link Channels}).
 * Thread-safe.
 */
public final class ServerEndpoint {
  private final String name;
  private final Channel serverChannel;
  private final ChannelGroup connections;
  private final Closing.Once closing;

  private ServerEndpoint(String name, Channel serverChannel, ChannelGroup connections, EventLoopGroup ownedGroup) {
    this.name = name;
    this.serverChannel = serverChannel;
    this.connections = connections;
    this.closing = Closing.Once.owning(ownedGroup);
  }

  /**
   * Binds {@code address} and starts accepting; blocks until bound. {@code init} builds each
   * accepted channel's pipeline on its event loop.
   *
   * @param group the user's event loops, or null for the endpoint's own NIO loops
   * @throws RuntimeException {@code error(message, cause)} if the address cannot be bound
   */
  public static ServerEndpoint bind(
      String name,
      EventLoopGroup group,
      SocketAddress address,
      Consumer<Channel> init,
      BiFunction<String, Throwable, RuntimeException> error) {
    EventLoopGroup owned = group == null ? new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory()) : null;
    EventLoopGroup g = group != null ? group : owned;
    // stayClosed: a connection accepted while the server closes is closed as it is added.
    ChannelGroup connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE, true);
    ServerBootstrap b;
    try {
      b = new ServerBootstrap()
          .group(g)
          .channel(Channels.serverChannel(g))
          .childHandler(new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
              connections.add(ch);
              init.accept(ch);
            }
          });
    } catch (IllegalArgumentException e) {
      if (owned != null) {
        owned.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      }
      throw error.apply("cannot listen on " + address + ": " + e.getMessage(), e);
    }
    // Not syncUninterruptibly(): it rethrows checked causes such as BindException unwrapped.
    ChannelFuture bound = b.bind(address).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      if (owned != null) {
        owned.shutdownGracefully(0, 0, TimeUnit.SECONDS);
      }
      throw error.apply("cannot listen on " + address + ": " + bound.cause(), bound.cause());
    }
    return new ServerEndpoint(name, bound.channel(), connections, owned);
  }

  /** The bound address. */
  public SocketAddress address() {
    return serverChannel.localAddress();
  }

  /**
   * Stops listening, closes every accepted connection and, if the endpoint created its event
   * loops, shuts them down. Blocks until done, at most {@value Closing#CLOSE_WAIT_SECONDS} s.
   */
  public void close() {
    Closing.await(name, closeAsync());
  }

  /** Like {@link #close}, without blocking. Idempotent. */
  public CompletionStage<Void> closeAsync() {
    return closing.close(() -> Closing.closeAll(List.of(serverChannel)).thenCompose(v -> {
      List<Channel> accepted = new ArrayList<>(connections);
      connections.close(); // and close any connection added from now on
      return Closing.closeAll(accepted);
    }));
  }
}
