package dev.spindle.amp;

import dev.spindle.transport.EndpointBuilder;
import dev.spindle.transport.internal.CallHooks;
import dev.spindle.transport.internal.ChannelSettings;

import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.amp.locator.CommandLocator;
import io.netty.handler.ssl.SslContext;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The options {@link AmpServer.Builder} and {@link AmpClient.Builder} share: who answers the
 * peer's commands, the limits on received boxes, and the event loops.
 *
 * @param <B> the concrete builder
 */
public abstract class AmpEndpointBuilder<B extends AmpEndpointBuilder<B>> extends EndpointBuilder<B> {
  /** Twisted has no limit on a whole box; this default bounds the memory one box may take. */
  public static final int DEFAULT_MAX_BOX_BYTES = 16 * 1024 * 1024;

  Function<AmpConnection, CommandLocator> locatorFactory;
  Function<AmpConnection, BoxReceiver> receiverFactory;
  int maxKeyLength = AmpKeys.MAX_KEY_LENGTH;
  int maxValueLength = AmpKeys.MAX_VALUE_LENGTH;
  int maxBoxBytes = DEFAULT_MAX_BOX_BYTES;
  Consumer<AmpConnection> onConnection;
  SslContext startTlsContext;
  AmpEndpointBuilder() {}

  /**
   * Answers the peer's commands with {@code locator} on every connection: a generated {@code
   * <Class>_AmpLocator}, {@link CommandLocator#of(Object)}, or a hand-written box-level one.
   *
   * @param locator the locator shared by every connection; not null
   * @return this builder
   */
  public B locator(CommandLocator locator) {
    Objects.requireNonNull(locator, "locator");
    return locatorFactory(c -> locator);
  }

  /**
   * Builds a locator for each connection; the factory sees the connection, so responders can call
   * the peer back on it. Runs on the connection's event loop.
   *
   * @param factory makes the locator of each new connection; not null
   * @return this builder
   */
  public B locatorFactory(Function<AmpConnection, CommandLocator> factory) {
    this.locatorFactory = Objects.requireNonNull(factory, "factory");
    this.receiverFactory = null;
    return self();
  }

  /**
   * Hands every box of each connection to a {@link BoxReceiver} built by {@code factory} instead of
   * the dispatcher (Twisted's box-level API); {@link AmpConnection#callRemote} is then unavailable
   * and {@link AmpConnection#boxSender()} sends.
   *
   * @param factory makes the box receiver of each new connection; not null
   * @return this builder
   */
  public B boxReceiverFactory(Function<AmpConnection, BoxReceiver> factory) {
    this.receiverFactory = Objects.requireNonNull(factory, "factory");
    this.locatorFactory = null;
    return self();
  }

  /**
   * Longest key accepted from the peer, 1 to 255 (default 255, Twisted's {@code MAX_KEY_LENGTH}).
   *
   * @param maxKeyLength the longest key accepted, in bytes, 1 to 255
   * @return this builder
   */
  public B maxKeyLength(int maxKeyLength) {
    this.maxKeyLength = maxKeyLength;
    return self();
  }

  /**
   * Longest value accepted from the peer, 0 to 65,535 (default 65,535, Twisted's {@code
   * MAX_VALUE_LENGTH}); a longer one closes the connection with a {@link TooLongException}.
   *
   * @param maxValueLength the longest value accepted, in bytes, 0 to 65,535
   * @return this builder
   */
  public B maxValueLength(int maxValueLength) {
    this.maxValueLength = maxValueLength;
    return self();
  }

  /**
   * Largest box accepted from the peer, in bytes (default {@value #DEFAULT_MAX_BOX_BYTES}).
   *
   * @param maxBoxBytes the largest box accepted, in bytes, keys, values and length prefixes
   *     included
   * @return this builder
   */
  public B maxBoxBytes(int maxBoxBytes) {
    this.maxBoxBytes = maxBoxBytes;
    return self();
  }

  /**
   * Called with each new connection, on its event loop, before any box is read.
   *
   * @param callback receives each new connection; not null
   * @return this builder
   */
  public B onConnection(Consumer<AmpConnection> callback) {
    this.onConnection = Objects.requireNonNull(callback, "callback");
    return self();
  }

  CallOptions callOptions() {
    return new CallOptions(
        callTimeoutNanos,
        maxOutstandingCalls,
        maxPeerOutstandingCalls,
        keepaliveInterval,
        keepaliveTimeout);
  }

  /**
   * Answers the peer's {@code StartTLS} command (Twisted's {@code amp.StartTLS}) on every
   * connection: the empty answer goes out in plain text, then TLS starts with {@code context}. The
   * side that opened the TCP connection is the TLS client, whichever side asked (as in Twisted), so
   * a server takes a server context and a client a client context, verified as for {@link
   * #sslContext}. Without this option a peer's StartTLS goes to the locator (and is unhandled unless
   * it answers it). To ask the peer, see {@link AmpConnection#startTls}.
   *
   * @param context the TLS context of this side; not null
   * @return this builder
   */
  public B acceptStartTls(SslContext context) {
    this.startTlsContext = Objects.requireNonNull(context, "context");
    return self();
  }

  /** The blocking executor, interceptors, listeners and log options set; null if none is. */
  CallHooks callHooks() {
    CallHooks hooks = new CallHooks(blockingExecutor, blockingCalls, serverInterceptors,
        clientInterceptors, connectionListeners, logContext, logConnections);
    return hooks.isEmpty() ? null : hooks;
  }

  /** The per-connection setup these options make (a client's, with no memory budget). */
  AmpSetup setup() {
    return setup(false);
  }

  /** The per-connection setup these options make; a server's has the memory budget. */
  AmpSetup setup(boolean server) {
    ChannelSettings channel =
        new ChannelSettings(sslContext, verifyHostname, writeBufferWaterMark, transportOptions, server);
    return new AmpSetup(channel, this);
  }
}
