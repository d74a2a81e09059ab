package dev.spindle.amp;

import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.locator.CommandLocator;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The options {@link AmpServer.Builder} and {@link AmpClient.Builder} share: who answers the
 * peer's commands, the limits on received boxes, and the event loops.
 *
 * @param <B> the concrete builder
 */
public abstract class AmpEndpointBuilder<B extends AmpEndpointBuilder<B>> {
  /** Twisted has no limit on a whole box; this default bounds the memory one box may take. */
  public static final int DEFAULT_MAX_BOX_BYTES = 16 * 1024 * 1024;

  /** Default write high-water mark of a connection, in bytes (1 MiB). */
  public static final int DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK = 1024 * 1024;

  /** Default write low-water mark of a connection, in bytes (512 KiB). */
  public static final int DEFAULT_WRITE_BUFFER_LOW_WATER_MARK = 512 * 1024;

  Function<AmpConnection, CommandLocator> locatorFactory;
  Function<AmpConnection, BoxReceiver> receiverFactory;
  int maxKeyLength = AmpKeys.MAX_KEY_LENGTH;
  int maxValueLength = AmpKeys.MAX_VALUE_LENGTH;
  int maxBoxBytes = DEFAULT_MAX_BOX_BYTES;
  Consumer<AmpConnection> onConnection;
  EventLoopGroup group;
  WriteBufferWaterMark writeBufferWaterMark =
      new WriteBufferWaterMark(DEFAULT_WRITE_BUFFER_LOW_WATER_MARK, DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK);

  AmpEndpointBuilder() {}

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /**
   * Answers the peer's commands with {@code locator} on every connection: a generated {@code
   * <Class>_AmpLocator}, {@link CommandLocator#of(Object)}, or a hand-written box-level one.
   */
  public B locator(CommandLocator locator) {
    Objects.requireNonNull(locator, "locator");
    return locatorFactory(c -> locator);
  }

  /**
   * Builds a locator for each connection; the factory sees the connection, so responders can call
   * the peer back on it. Runs on the connection's event loop.
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
   */
  public B boxReceiverFactory(Function<AmpConnection, BoxReceiver> factory) {
    this.receiverFactory = Objects.requireNonNull(factory, "factory");
    this.locatorFactory = null;
    return self();
  }

  /** Longest key accepted from the peer, 1 to 255 (default 255, Twisted's {@code MAX_KEY_LENGTH}). */
  public B maxKeyLength(int maxKeyLength) {
    this.maxKeyLength = maxKeyLength;
    return self();
  }

  /**
   * Longest value accepted from the peer, 0 to 65,535 (default 65,535, Twisted's {@code
   * MAX_VALUE_LENGTH}); a longer one closes the connection with a {@link TooLongException}.
   */
  public B maxValueLength(int maxValueLength) {
    this.maxValueLength = maxValueLength;
    return self();
  }

  /** Largest box accepted from the peer, in bytes (default {@value #DEFAULT_MAX_BOX_BYTES}). */
  public B maxBoxBytes(int maxBoxBytes) {
    this.maxBoxBytes = maxBoxBytes;
    return self();
  }

  /**
   * How much each connection buffers for a peer that does not read (default {@value
   * #DEFAULT_WRITE_BUFFER_LOW_WATER_MARK} and {@value #DEFAULT_WRITE_BUFFER_HIGH_WATER_MARK}
   * bytes). Once the bytes waiting to be written (Netty's outbound buffer plus calls queued from
   * other threads) pass {@code high}, calls fail with {@link AmpBackpressureException} and the
   * connection stops reading the peer's commands; both resume once the buffer drains below {@code
   * low}. Set on the channel as Netty's {@link WriteBufferWaterMark}. See {@link AmpConnection}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= low <= high} and {@code high > 0}
   */
  public B writeBufferWaterMark(int low, int high) {
    if (low < 0 || high <= 0 || low > high) {
      throw new IllegalArgumentException(
          "writeBufferWaterMark: low " + low + ", high " + high + " (expected: 0 <= low <= high, high > 0)");
    }
    this.writeBufferWaterMark = new WriteBufferWaterMark(low, high);
    return self();
  }

  /** Called with each new connection, on its event loop, before any box is read. */
  public B onConnection(Consumer<AmpConnection> callback) {
    this.onConnection = Objects.requireNonNull(callback, "callback");
    return self();
  }

  /**
   * Runs the connections on {@code group}, which the caller owns and shuts down. Without it the
   * endpoint creates its own NIO group and shuts it down on close.
   */
  public B eventLoopGroup(EventLoopGroup group) {
    this.group = Objects.requireNonNull(group, "group");
    return self();
  }

  ConnectionSetup setup() {
    ConnectionSetup setup = new ConnectionSetup(
        locatorFactory, receiverFactory, maxKeyLength, maxValueLength, maxBoxBytes, onConnection);
    setup.writeBufferWaterMark = writeBufferWaterMark;
    return setup;
  }
}
