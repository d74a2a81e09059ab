package dev.spindle.pb;

import dev.spindle.transport.internal.ChannelSettings;
import dev.spindle.pb.banana.BananaCodec;
import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.banana.BananaRole;
import dev.spindle.pb.broker.Broker;
import dev.spindle.pb.broker.BrokerTransport;
import dev.spindle.pb.broker.BrokerConfig;
import dev.spindle.transport.CallInfo;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.internal.CallHooks;
import dev.spindle.pb.broker.Kind;
import dev.spindle.pb.flavors.Root;
import io.netty.channel.Channel;
import io.netty.handler.flow.FlowControlHandler;
import java.lang.ref.Cleaner;
import java.util.function.Consumer;
import java.time.Duration;

/** The per-connection setup {@link PbServer} and {@link PbClient} share: the pipeline and broker. */
final class PbSetup {
  final BrokerConfig config;
  final BananaLimits limits;
  final BananaRole role;
  final Object root;
  Consumer<PbConnection> onConnection;
  final Cleaner cleaner;
  long callTimeoutNanos;
  Duration keepaliveInterval;
  Duration keepaliveTimeout;
  /** TLS, write marks, time limits and a server's budget (the transport's). */
  final ChannelSettings channel;
  /** Blocking executor, interceptors, listeners, logging; null: none. */
  CallHooks hooks;
  /** See {@link PbEndpointBuilder#pagerWriteMark}. */
  int pagerWriteMark = PbEndpointBuilder.DEFAULT_PAGER_WRITE_MARK;

  PbSetup(ChannelSettings channel, BrokerConfig config, BananaLimits limits, BananaRole role, Object root,
      Cleaner cleaner) {
    this.channel = channel;
    this.config = config;
    this.limits = limits;
    this.role = role;
    this.root = root;
    this.cleaner = cleaner;
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
    channel.prepare(ch, host, port);
    BrokerTransport handler = new BrokerTransport(limits, pagerWriteMark);
    channel.limit(ch, handler.handler());
    PbConnection connection = new PbConnection(handler, cleaner);
    connection.setCallTimeoutNanos(callTimeoutNanos);
    Broker broker = new Broker(config, handler,
        (b, luid, perspective) -> RemoteReference.received(connection, b, luid, perspective));
    connection.setBroker(broker);
    if (hooks != null) {
      ConnectionInfo info = hooks.install(ch, handler.handler(), CallInfo.PB, host == null);
      broker.hooks(hooks, info, connection);
    }
    handler.setBroker(broker);
    BananaCodec.install(ch.pipeline(), role, limits);
    // Holds messages already decoded while reading is paused for backpressure.
    ch.pipeline().addLast("pb-flow", new FlowControlHandler());
    ch.pipeline().addLast("pb", handler.handler());
    if (keepaliveInterval != null) {
      PbKeepalive.install(ch.pipeline(), connection, keepaliveInterval, keepaliveTimeout);
    }
    if (root != null) {
      Object published = root instanceof Root r ? r.rootObject(connection) : root;
      broker.setNameForLocal("root", published, Kind.REMOTE);
    }
    return connection;
  }

  /** Builds a server channel's pipeline and tells {@code onConnection}. Event loop. */
  void initAccepted(Channel ch) {
    init(ch, null, 0, true);
  }

  /**
   * Builds a channel's pipeline and, if {@code tell}, tells {@code onConnection}; returns the
   * connection. {@code host} and {@code port}: what a client connects to.
   */
  PbConnection init(Channel ch, String host, int port, boolean tell) {
    PbConnection c = init(ch, host, port);
    if (tell && onConnection != null) {
      onConnection.accept(c);
    }
    return c;
  }
}
