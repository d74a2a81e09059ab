package dev.spindle.transport.internal;

import dev.spindle.transport.IoTransport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
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
   * @param name for log lines and the channel group
   * @param group the user's event loops, or null for the endpoint's own NIO loops
   * @param address the local address to bind; port 0 for any free port
   * @param init builds each accepted channel's pipeline, on its event loop
   * @param error makes the protocol's exception from a message and a cause
   * @return the bound endpoint, accepting connections
   * @throws RuntimeException {@code error(message, cause)} if the address cannot be bound
   */
  public static ServerEndpoint bind(
      String name,
      EventLoopGroup group,
      SocketAddress address,
      Consumer<Channel> init,
      BiFunction<String, Throwable, RuntimeException> error) {
    return bind(name, group, IoTransport.AUTO, address, init, error);
  }

  /**
   * {@link #bind}, with the transport of the endpoint's own loops when {@code group} is null.
   *
   * @param name for log lines and the channel group
   * @param group the user's event loops, or null for the endpoint's own
   * @param transport the I/O transport of the endpoint's own loops; ignored with a {@code group}
   * @param address the local address to bind; port 0 for any free port
   * @param init builds each accepted channel's pipeline, on its event loop
   * @param error makes the protocol's exception from a message and a cause
   * @return the bound endpoint, accepting connections
   * @throws RuntimeException {@code error(message, cause)} if the loops cannot be made or the
   *     address cannot be bound
   */
  public static ServerEndpoint bind(
      String name,
      EventLoopGroup group,
      IoTransport transport,
      SocketAddress address,
      Consumer<Channel> init,
      BiFunction<String, Throwable, RuntimeException> error) {
    EventLoopGroup owned;
    try {
      owned = group == null ? transport.newEventLoopGroup(0) : null;
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw error.apply("cannot listen on " + address + ": " + e.getMessage(), e);
    }
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

  /**
   * The bound address.
   *
   * @return the server channel's local address, with the actual port
   */
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

  /**
   * Like {@link #close}, without blocking. Idempotent.
   *
   * @return a stage that completes once the endpoint and its connections are closed; the same for
   *     every call
   */
  public CompletionStage<Void> closeAsync() {
    return closing.close(() -> Closing.closeAll(List.of(serverChannel)).thenCompose(v -> {
      List<Channel> accepted = new ArrayList<>(connections);
      connections.close(); // and close any connection added from now on
      return Closing.closeAll(accepted);
    }));
  }
}
