package dev.spindle.amp;

import dev.spindle.transport.TransportOptions;
import dev.spindle.transport.CallInfo;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.internal.CallHooks;
import dev.spindle.transport.internal.ConnectionLimits;
import dev.spindle.transport.internal.InboundFrames;
import dev.spindle.transport.internal.MemoryBudget;

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
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.flow.FlowControlHandler;
import java.net.InetSocketAddress;
import java.util.function.Consumer;
import java.util.function.Function;

/** The per-connection options shared by {@link AmpServer} and {@link AmpClient}. */
final class AmpSetup {
  /** The name of the AMP encoder in a connection's pipeline. */
  static final String ENCODER = "amp-encoder";
  /** How the transport's frame limits ask the decoder about an open box. */
  private static final InboundFrames.Source<AmpBoxDecoder> FRAMES =
      new InboundFrames.Source<>(AmpBoxDecoder.class, AmpBoxDecoder::frameOpen, AmpBoxDecoder::heldBytes);

  /** The name of the handler that holds decoded boxes while reading is paused. */
  static final String FLOW = "amp-flow";

  final Function<AmpConnection, CommandLocator> locatorFactory;
  final Function<AmpConnection, BoxReceiver> receiverFactory;
  final int maxKeyLength;
  final int maxValueLength;
  final int maxBoxBytes;
  final Consumer<AmpConnection> onConnection;
  private CallOptions callOptions = CallOptions.DEFAULT;
  /** TLS from the first byte; null: plain TCP. */
  SslContext sslContext;
  /** Answers the peer's StartTLS; null: the locator does. */
  SslContext startTlsContext;
  boolean verifyHostname = true;
  /** Set on each channel; see {@link AmpEndpointBuilder#writeBufferWaterMark}. */
  WriteBufferWaterMark writeBufferWaterMark = WriteBufferWaterMark.DEFAULT;
  /** Time limits; see {@link AmpEndpointBuilder#transportOptions}. */
  TransportOptions transportOptions = TransportOptions.DEFAULT;
  /** Blocking executor, interceptors, listeners, logging; null: none. */
  CallHooks hooks;
  /** The server's budget for unfinished boxes; null on clients or when off. */
  MemoryBudget budget;

  AmpSetup(
      Function<AmpConnection, CommandLocator> locatorFactory,
      Function<AmpConnection, BoxReceiver> receiverFactory,
      int maxKeyLength,
      int maxValueLength,
      int maxBoxBytes,
      Consumer<AmpConnection> onConnection) {
    this.locatorFactory = locatorFactory;
    this.receiverFactory = receiverFactory;
    this.maxKeyLength = maxKeyLength;
    this.maxValueLength = maxValueLength;
    this.maxBoxBytes = maxBoxBytes;
    this.onConnection = onConnection;
    newDecoder(); // validates the limits
  }

  /** A decoder with this setup's limits: one per channel, and one more after StartTLS. */
  private AmpBoxDecoder newDecoder() {
    return new AmpBoxDecoder(maxKeyLength, maxValueLength, maxBoxBytes);
  }

  /** Sets the call options (timeouts, limits, keepalive); returns this. Before first use. */
  AmpSetup withCallOptions(CallOptions options) {
    this.callOptions = options;
    return this;
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
    ch.config().setOption(ChannelOption.TCP_NODELAY, true);
    Tls tls =
        new Tls(
            startTlsContext,
            verifyHostname,
            peer == null ? null : peer.getHostString(),
            peer == null ? 0 : peer.getPort(),
            this::newDecoder);
    ch.attr(Tls.KEY).set(tls);
    if (sslContext != null) {
      ch.pipeline().addLast(Tls.HANDLER, tls.newHandler(sslContext, ch));
    }
    ch.config().setWriteBufferWaterMark(writeBufferWaterMark);
    AmpTransport handler = new AmpTransport();
    ConnectionLimits.install(ch, handler.handler(), transportOptions, budget, FRAMES);
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
