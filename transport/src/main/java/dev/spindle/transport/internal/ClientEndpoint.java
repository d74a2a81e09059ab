package dev.spindle.transport.internal;

import dev.spindle.transport.IoTransport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The connecting side of AMP and PB: the bootstrap, the event loops (the user's, never shut down,
 * or the ones clients share, given back on close), the channels it opened, and closing them all.
 *
 * <p>Host names are resolved off the event loops (a blocking lookup on a loop would stall every
 * connection of that loop, and reconnect attempts run there): an IP literal is used as it is, a
 * name is looked up on a small shared pool of daemon threads. The channel class is the one that
 * fits the group ({@link Channels}). Thread-safe.
 */
public final class ClientEndpoint {
  private static final ExecutorService RESOLVER =
      Executors.newCachedThreadPool(new DefaultThreadFactory("spindle-resolver", true));

  /** Resolves a host name (blocking); for tests, a recording one. */
  interface Resolver {
    InetSocketAddress resolve(String host, int port);
  }

  /** The shared pool host names are looked up on. */
  static Executor defaultResolverExecutor() {
    return RESOLVER;
  }

  private final String name;
  private final Bootstrap bootstrap;
  private final Resolver resolver;
  private final Executor resolverExecutor;
  // stayClosed: a connection that completes while the client closes is closed as it is added.
  private final ChannelGroup connections;
  private volatile boolean closed;
  private final Closing.Once closing;

  /**
   * @param name for the channel group and log lines
   * @param group the user's event loops, or null for the NIO loops clients share ({@link
   *     SharedClientLoops})
   */
  public ClientEndpoint(String name, EventLoopGroup group) {
    this(name, group, IoTransport.AUTO);
  }

  /**
   * @param name for log lines and the channel group
   * @param group the user's event loops, or null for the loops clients share
   * @param transport of the shared client loops to use when {@code group} is null
   * @throws IllegalStateException if {@code transport} is forced but not available here
   */
  public ClientEndpoint(String name, EventLoopGroup group, IoTransport transport) {
    this(name, group, transport, InetSocketAddress::new, RESOLVER);
  }

  ClientEndpoint(String name, EventLoopGroup group, Resolver resolver, Executor resolverExecutor) {
    this(name, group, IoTransport.AUTO, resolver, resolverExecutor);
  }

  ClientEndpoint(
      String name,
      EventLoopGroup group,
      IoTransport transport,
      Resolver resolver,
      Executor resolverExecutor) {
    this.name = name;
    EventLoopGroup g = group != null ? group : SharedClientLoops.acquire(transport);
    this.closing = group != null ? Closing.Once.owning(null) : Closing.Once.sharing(g);
    this.bootstrap = new Bootstrap().group(g).channel(Channels.socketChannel(g));
    this.resolver = resolver;
    this.resolverExecutor = resolverExecutor;
    this.connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE, true);
  }

  /**
   * The event loops the connections run on.
   *
   * @return the user's group, or the shared loops
   */
  public EventLoopGroup group() {
    return bootstrap.config().group();
  }

  /**
   * True once {@link #close()} was called.
   *
   * @return true if closing has begun or is done
   */
  public boolean isClosed() {
    return closed;
  }

  /**
   * Connects to {@code host}:{@code port}. {@code init} builds the new channel's pipeline on its
   * event loop before the connection is active. The future completes with the channel once TCP is
   * connected and, with TLS from the first byte, once the TLS handshake is done (so a refused
   * certificate fails the connect, with {@code tlsError}); else it fails with {@code error}.
   *
   * @param host the host name or address literal; a name is looked up off the event loops
   * @param port the server's TCP port
   * @param init builds the channel's pipeline, on its event loop
   * @param error makes the protocol's "connection lost" from a message and a cause (or null)
   * @param tlsError makes the protocol's TLS handshake failure from a message and a cause
   * @return a future that completes with the connected channel, or exceptionally with an {@code
   *     error} or {@code tlsError} exception
   */
  public CompletableFuture<Channel> connect(
      String host,
      int port,
      Consumer<Channel> init,
      BiFunction<String, Throwable, RuntimeException> error,
      BiFunction<String, Throwable, RuntimeException> tlsError) {
    CompletableFuture<Channel> handshaken = new CompletableFuture<>();
    connect(host, port, init, error).whenComplete((ch, failure) -> {
      if (failure != null) {
        handshaken.completeExceptionally(failure);
        return;
      }
      SslHandler ssl = ch.pipeline().get(SslHandler.class);
      if (ssl == null) {
        handshaken.complete(ch);
        return;
      }
      ssl.handshakeFuture().addListener(h -> {
        if (h.isSuccess()) {
          handshaken.complete(ch);
        } else {
          handshaken.completeExceptionally(
              tlsError.apply("TLS handshake with " + host + ":" + port + " failed: " + h.cause(), h.cause()));
        }
      });
    });
    return handshaken;
  }

  /**
   * As {@link #connect(String, int, Consumer, BiFunction, BiFunction)}, not waiting for TLS.
   *
   * @param host the host name or address literal; a name is looked up off the event loops
   * @param port the server's TCP port
   * @param init builds the channel's pipeline, on its event loop
   * @param error makes the protocol's "connection lost" from a message and a cause (or null)
   * @return a future that completes with the connected channel, or exceptionally with an {@code
   *     error} exception
   */
  public CompletableFuture<Channel> connect(
      String host, int port, Consumer<Channel> init, BiFunction<String, Throwable, RuntimeException> error) {
    CompletableFuture<Channel> result = new CompletableFuture<>();
    String target = host + ":" + port;
    if (closed) {
      result.completeExceptionally(error.apply("client is closed", null));
      return result;
    }
    if (NetUtil.createByteArrayFromIpAddressString(host) != null) {
      connect(new InetSocketAddress(host, port), target, init, error, result); // a literal: no lookup
      return result;
    }
    try {
      resolverExecutor.execute(() -> {
        InetSocketAddress resolved;
        try {
          resolved = resolver.resolve(host, port);
        } catch (RuntimeException e) {
          result.completeExceptionally(error.apply("cannot resolve " + target, e));
          return;
        }
        connect(resolved, target, init, error, result);
      });
    } catch (RuntimeException e) {
      result.completeExceptionally(error.apply("cannot resolve " + target, e));
    }
    return result;
  }

  private void connect(
      InetSocketAddress address,
      String target,
      Consumer<Channel> init,
      BiFunction<String, Throwable, RuntimeException> error,
      CompletableFuture<Channel> result) {
    if (address.isUnresolved()) {
      result.completeExceptionally(error.apply("cannot resolve " + target, null));
      return;
    }
    Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        connections.add(ch);
        init.accept(ch);
      }
    });
    ChannelFuture f;
    try {
      f = b.connect(address);
    } catch (RuntimeException e) {
      result.completeExceptionally(error.apply("cannot connect to " + target, e));
      return;
    }
    // Not a plain listener: if the loop is already shut down, it would never be notified.
    Closing.whenDone(f, f.channel(), () -> {
      if (f.isSuccess()) {
        result.complete(f.channel());
      } else {
        result.completeExceptionally(error.apply("cannot connect to " + target,
            f.cause() != null ? f.cause() : new IllegalStateException("event loop shut down")));
      }
    });
  }

  /**
   * Closes every connection this endpoint opened and gives back the shared event loops (the last
   * client to close shuts them down). A user-supplied group is left running. Blocks until done, at most {@value
   * Closing#CLOSE_WAIT_SECONDS} s (the same wait as a {@link ServerEndpoint}); do not call it on
   * one of the event loops. Idempotent.
   */
  public void close() {
    Closing.await(name, closeAsync());
  }

  /**
   * Like {@link #close()}, without blocking. Idempotent.
   *
   * @return a stage that completes once the connections are closed and the loops given back
   */
  public CompletionStage<Void> closeAsync() {
    return closing.close(() -> {
      closed = true;
      List<Channel> open = new ArrayList<>(connections);
      connections.close(); // and close any connection that completes from now on
      return Closing.closeAll(open);
    });
  }
}
