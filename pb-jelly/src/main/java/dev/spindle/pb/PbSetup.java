package dev.spindle.pb;

import dev.spindle.pb.banana.BananaCodec;
import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.banana.BananaRole;
import dev.spindle.pb.broker.Broker;
import dev.spindle.pb.broker.BrokerChannelHandler;
import dev.spindle.pb.broker.BrokerConfig;
import dev.spindle.pb.broker.Kind;
import dev.spindle.pb.flavors.Root;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.flow.FlowControlHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.lang.ref.Cleaner;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** The per-connection setup {@link PbServer} and {@link PbClient} share: the pipeline and broker. */
final class PbSetup {
  final BrokerConfig config;
  final BananaLimits limits;
  final BananaRole role;
  final Object root;
  final Consumer<PbConnection> onConnection;
  final Cleaner cleaner;
  private long callTimeoutNanos;
  private Duration keepaliveInterval;
  private Duration keepaliveTimeout;
  /** TLS from the first byte; null: plain TCP. */
  final SslContext sslContext;
  final boolean verifyHostname;
  /** Set on each channel; see {@link PbEndpointBuilder#writeBufferWaterMark}. */
  WriteBufferWaterMark writeBufferWaterMark = WriteBufferWaterMark.DEFAULT;

  PbSetup(PbEndpointBuilder<?> b, BananaRole role, Object root) {
    this.config = b.brokerConfig();
    this.limits = b.bananaLimits;
    this.role = role;
    this.root = root;
    this.onConnection = b.onConnection;
    this.cleaner = b.autoRelease ? Cleaner.create() : null;
    this.callTimeoutNanos = b.callTimeoutNanos;
    this.keepaliveInterval = b.keepaliveInterval;
    this.keepaliveTimeout = b.keepaliveTimeout;
    this.sslContext = b.sslContext;
    this.verifyHostname = b.verifyHostname;
    this.writeBufferWaterMark = b.writeBufferWaterMark;
  }

  PbSetup(BrokerConfig config, BananaLimits limits, BananaRole role, Object root, Cleaner cleaner) {
    this.config = config;
    this.limits = limits;
    this.role = role;
    this.root = root;
    this.onConnection = null;
    this.cleaner = cleaner;
    this.sslContext = null;
    this.verifyHostname = true;
  }

  /**
   * Builds the pipeline of a new channel (Banana, then the broker's handler) and returns its
   * connection; the root object, if any, is published as {@code root}. Runs on the channel's
   * event loop.
   */
  PbConnection init(Channel ch) {
    return init(ch, null, 0);
  }

  /**
   * Like {@link #init(Channel)}; {@code host} and {@code port} are what a client connects to (the
   * name TLS verifies), null on a server.
   */
  PbConnection init(Channel ch, String host, int port) {
    if (ch instanceof SocketChannel) {
      ch.config().setOption(ChannelOption.TCP_NODELAY, true);
    }
    if (sslContext != null) {
      ch.pipeline().addLast("tls", tlsHandler(ch, host, port));
    }
    ch.config().setWriteBufferWaterMark(writeBufferWaterMark);
    BrokerChannelHandler handler = new BrokerChannelHandler(limits);
    PbConnection connection = new PbConnection(handler, cleaner);
    connection.setCallTimeoutNanos(callTimeoutNanos);
    Broker broker = new Broker(config, handler,
        (b, luid, perspective) -> RemoteReference.received(connection, b, luid, perspective));
    connection.setBroker(broker);
    handler.setBroker(broker);
    BananaCodec.install(ch.pipeline(), role, limits);
    // Holds messages already decoded while reading is paused for backpressure.
    ch.pipeline().addLast("pb-flow", new FlowControlHandler());
    ch.pipeline().addLast("pb", handler);
    if (keepaliveInterval != null) {
      PbKeepalive.install(ch.pipeline(), connection, keepaliveInterval, keepaliveTimeout);
    }
    if (root != null) {
      Object published = root instanceof Root r ? r.rootObject(connection) : root;
      broker.setNameForLocal("root", published, Kind.REMOTE);
    }
    return connection;
  }

  private SslHandler tlsHandler(Channel ch, String host, int port) {
    if (!sslContext.isClient()) {
      return sslContext.newHandler(ch.alloc());
    }
    SslHandler h = host == null ? sslContext.newHandler(ch.alloc()) : sslContext.newHandler(ch.alloc(), host, port);
    SSLEngine engine = h.engine();
    SSLParameters p = engine.getSSLParameters();
    // "" rather than null: the JDK keeps the previous algorithm when given null.
    p.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : "");
    engine.setSSLParameters(p);
    return h;
  }

  ChannelInitializer<Channel> initializer(Consumer<Channel> channelCallback, Consumer<PbConnection> connectionCallback) {
    return initializer(channelCallback, connectionCallback, null, 0);
  }

  ChannelInitializer<Channel> initializer(
      Consumer<Channel> channelCallback, Consumer<PbConnection> connectionCallback, String host, int port) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        if (channelCallback != null) {
          channelCallback.accept(ch);
        }
        PbConnection c = init(ch, host, port);
        if (connectionCallback != null) {
          connectionCallback.accept(c);
        }
        if (onConnection != null) {
          onConnection.accept(c);
        }
      }
    };
  }

  /**
   * Closes {@code channels} and completes once all of them are closed, even if a channel's event
   * loop is already shut down (it then counts as closed).
   */
  static CompletableFuture<Void> closeAll(Collection<? extends Channel> channels) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    AtomicInteger remaining = new AtomicInteger(channels.size() + 1);
    Runnable one = () -> {
      if (remaining.decrementAndGet() == 0) {
        done.complete(null);
      }
    };
    for (Channel ch : channels) {
      ch.close();
      whenDone(ch.closeFuture(), ch, one);
    }
    one.run();
    return done;
  }

  /** Runs {@code action} once {@code future} is done, even if {@code ch}'s loop is shut down. */
  static void whenDone(Future<?> future, Channel ch, Runnable action) {
    AtomicBoolean ran = new AtomicBoolean();
    Runnable once = () -> {
      if (ran.compareAndSet(false, true)) {
        action.run();
      }
    };
    if (future.isDone() || loopIsShutDown(ch)) {
      once.run();
      return;
    }
    future.addListener(f -> once.run());
    if (loopIsShutDown(ch)) {
      once.run(); // the listener may have been refused
    }
  }

  private static boolean loopIsShutDown(Channel ch) {
    try {
      return ch.eventLoop().isShutdown();
    } catch (IllegalStateException e) {
      return true; // never registered
    }
  }
}
