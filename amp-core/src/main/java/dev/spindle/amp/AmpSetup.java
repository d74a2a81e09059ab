package dev.spindle.amp;

import dev.spindle.transport.CallInfo;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.internal.CallHooks;
import dev.spindle.transport.internal.ChannelSettings;

import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.codec.AmpBoxDecoder;
import dev.spindle.amp.dispatch.BoxDispatcher;
import dev.spindle.amp.internal.AmpTransport;
import dev.spindle.amp.internal.HookedLocator;
import dev.spindle.amp.internal.BatchingBoxEncoder;
import dev.spindle.amp.locator.CommandLocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.flow.FlowControlHandler;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Function;

/** The per-connection options shared by {@link AmpServer} and {@link AmpClient}. */
final class AmpSetup {
  /** The name of the AMP encoder in a connection's pipeline. */
  static final String ENCODER = "amp-encoder";

  /** The name of the handler that holds decoded boxes while reading is paused. */
  static final String FLOW = "amp-flow";

  final Function<AmpConnection, CommandLocator> locatorFactory;
  final Function<AmpConnection, BoxReceiver> receiverFactory;
  final int maxKeyLength;
  final int maxValueLength;
  final int maxBoxBytes;
  final Consumer<AmpConnection> onConnection;
  private final CallOptions callOptions;
  /** Answers the peer's StartTLS; null: the locator does. */
  final SslContext startTlsContext;
  /** TLS, write marks, time limits and a server's budget (the transport's). */
  final ChannelSettings channel;
  /** Blocking executor, interceptors, listeners, logging; null: none. */
  final CallHooks hooks;

  /** A snapshot of {@code options}' AMP part, with the transport's part in {@code channel}. */
  AmpSetup(ChannelSettings channel, AmpEndpointBuilder<?> options) {
    this.channel = channel;
    this.locatorFactory = options.locatorFactory;
    this.receiverFactory = options.receiverFactory;
    this.maxKeyLength = options.maxKeyLength;
    this.maxValueLength = options.maxValueLength;
    this.maxBoxBytes = options.maxBoxBytes;
    this.onConnection = options.onConnection;
    this.startTlsContext = options.startTlsContext;
    this.callOptions = options.callOptions();
    this.hooks = options.callHooks();
    newDecoder(); // validates the limits
  }

  /** A decoder with this setup's limits: one per channel, and one more after StartTLS. */
  private AmpBoxDecoder newDecoder() {
    return new AmpBoxDecoder(maxKeyLength, maxValueLength, maxBoxBytes);
  }

  /**
   * Builds the pipeline of a new channel and returns its connection: the decoder with this setup's
   * limits, the batching encoder, and the handler joined to a dispatcher (or to the custom
   * receiver). The handlers are in place before the locator factory runs, so the factory may
   * already call the peer on the connection (the call is held until the channel is active). Runs
   * on the channel's event loop.
   */
  AmpConnection initChannel(Channel ch) {
    return initChannel(ch, null);
  }

  /**
   * Like {@link #initChannel(Channel)}; {@code peer} is the address a client connects to (its host
   * name is the one TLS verifies), null on a server.
   */
  AmpConnection initChannel(Channel ch, InetSocketAddress peer) {
    String host = peer == null ? null : peer.getHostString();
    int port = peer == null ? 0 : peer.getPort();
    ch.attr(Tls.KEY).set(new Tls(startTlsContext, channel.verifyHostname(), host, port, this::newDecoder));
    channel.prepare(ch, host, port);
    AmpTransport handler = new AmpTransport();
    channel.limit(ch, handler.handler());
    AmpConnection connection;
    LazyLocator locator = null;
    if (receiverFactory != null) {
      connection = new AmpConnection(handler, null);
      handler.setReceiver(receiverFactory.apply(connection));
    } else {
      locator = new LazyLocator();
      BoxDispatcher dispatcher =
          new BoxDispatcher(
              locator, callOptions.maxOutstandingCalls(), callOptions.maxPeerOutstandingCalls());
      connection = new AmpConnection(handler, dispatcher, callOptions.callTimeoutNanos());
      handler.setReceiver(dispatcher);
    }
    if (hooks != null) {
      ConnectionInfo info = hooks.install(ch, handler.handler(), CallInfo.AMP, peer == null);
      handler.hooks(hooks.perCall() ? hooks : null, info);
      if (hooks.perCall()) {
        if (locator != null) {
          locator.hooks = hooks;
          locator.info = info;
          locator.connection = connection;
        }
      }
    }
    ch.pipeline()
        .addLast(Tls.DECODER, newDecoder())
        // Holds boxes already decoded while reading is paused for backpressure (the transport).
        .addLast(FLOW, new FlowControlHandler())
        .addLast(ENCODER, new BatchingBoxEncoder())
        .addLast("amp", handler.handler());
    if (callOptions.keepaliveInterval() != null && receiverFactory == null) {
      AmpKeepalive.install(ch.pipeline(), connection, callOptions.keepaliveInterval(), callOptions.keepaliveTimeout());
    }
    if (locator != null && startTlsContext != null) {
      locator.startTls = connection.startTlsResponder(startTlsContext);
    }
    if (locator != null && locatorFactory != null) {
      locator.delegate = locatorFactory.apply(connection);
    }
    if (locator != null && locator.hooks != null) {
      // StartTLS is answered as before; every other responder goes through the hooks.
      locator.delegate = new HookedLocator(locator.delegate, locator.hooks, locator.info, locator.connection);
    }
    return connection;
  }

  /** Builds a server channel's pipeline and tells {@code onConnection}. Event loop. */
  void init(Channel ch) {
    init(ch, null);
  }

  /** Builds a channel's pipeline and tells {@code onConnection}; returns the connection. */
  AmpConnection init(Channel ch, InetSocketAddress peer) {
    AmpConnection c = initChannel(ch, peer);
    if (onConnection != null) {
      onConnection.accept(c);
    }
    return c;
  }

  /** A channel initializer (for tests over local and embedded channels). */
  ChannelInitializer<Channel> initializer(
      Consumer<Channel> channelCallback, Consumer<AmpConnection> connectionCallback) {
    return new ChannelInitializer<>() {
      @Override
      protected void initChannel(Channel ch) {
        if (channelCallback != null) {
          channelCallback.accept(ch);
        }
        AmpConnection c = AmpSetup.this.initChannel(ch, null);
        if (connectionCallback != null) {
          connectionCallback.accept(c);
        }
        if (onConnection != null) {
          onConnection.accept(c);
        }
      }
    };
  }

  /** Lets the locator factory see the connection it is built for. */
  static final class LazyLocator implements CommandLocator {
    CommandLocator delegate = CommandLocator.NONE;
    BoxResponder startTls;
    /** The endpoint's per-call hooks, or null. */
    CallHooks hooks;
    ConnectionInfo info;
    Object connection;

    @Override
    public BoxResponder locateResponder(String commandName) {
      if (startTls != null && AmpConnection.START_TLS.equals(commandName)) {
        return startTls;
      }
      return delegate.locateResponder(commandName);
    }
  }
}
