package dev.spindle.transport.internal;

import dev.spindle.transport.TransportOptions;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.ssl.SslContext;
import java.util.Objects;

/**
 * What every channel of one AMP or PB endpoint gets around its protocol's handlers, from the
 * builder's options: {@code TCP_NODELAY}, TLS from the first byte, the write-buffer marks, one
 * bounded read per turn of the loop, and the time limits and memory budget of {@link
 * TransportOptions}. Immutable; one per endpoint, the
 * server's memory budget shared by all its connections.
 */
public final class ChannelSettings {
  /** The name of the TLS handler in a connection's pipeline. */
  public static final String TLS_HANDLER = "tls";

  private final SslContext sslContext;
  private final boolean verifyHostname;
  private final WriteBufferWaterMark writeBufferWaterMark;
  private final TransportOptions transportOptions;
  private final MemoryBudget budget;
  /** Netty's read sizing with {@link TransportOptions#maxBytesPerRead()}; null: Netty's default. */
  private final RecvByteBufAllocator readAllocator;

  /**
   * @param sslContext TLS from the first byte, or null for plain TCP
   * @param verifyHostname whether a client checks that the server's certificate names the host
   * @param writeBufferWaterMark the marks set on each channel; not null
   * @param transportOptions the time limits and memory budget; not null
   * @param server whether the channels are a server's (which alone has a memory budget)
   */
  public ChannelSettings(
      SslContext sslContext,
      boolean verifyHostname,
      WriteBufferWaterMark writeBufferWaterMark,
      TransportOptions transportOptions,
      boolean server) {
    this.sslContext = sslContext;
    this.verifyHostname = verifyHostname;
    this.writeBufferWaterMark = Objects.requireNonNull(writeBufferWaterMark, "writeBufferWaterMark");
    this.transportOptions = Objects.requireNonNull(transportOptions, "transportOptions");
    this.budget = server ? ConnectionLimits.budget(transportOptions) : null;
    int perRead = transportOptions.maxBytesPerRead();
    // One read per turn of the loop, of at most perRead bytes (Twisted's reactor: one recv of
    // 64 KiB per connection per turn), so one connection's backlog cannot hold the loop. Shared
    // by the endpoint's channels: each channel gets a handle of its own from it.
    this.readAllocator = perRead == 0
        ? null
        : new AdaptiveRecvByteBufAllocator(64, Math.min(2048, perRead), perRead).maxMessagesPerRead(1);
  }

  /**
   * Whether a client checks that the server's certificate names the host connected to.
   *
   * @return true if a client verifies the host name
   */
  public boolean verifyHostname() {
    return verifyHostname;
  }

  /**
   * The time limits and budget.
   *
   * @return the options given at construction
   */
  public TransportOptions transportOptions() {
    return transportOptions;
  }

  /**
   * Prepares a new channel before the protocol's handlers go in: {@code TCP_NODELAY} (where the
   * channel has it), the write-buffer marks, one read of at most {@link
   * TransportOptions#maxBytesPerRead()} per turn of the loop and, with TLS from the first byte, the
   * TLS handler first in the pipeline. Event loop.
   *
   * @param ch the new channel
   * @param host the host a client connects to (the name TLS verifies), null on a server
   * @param port its port
   */
  public void prepare(Channel ch, String host, int port) {
    ch.config().setOption(ChannelOption.TCP_NODELAY, true); // false, and nothing done, if it has none
    if (sslContext != null) {
      ch.pipeline().addLast(TLS_HANDLER, TlsSupport.newHandler(sslContext, ch, host, port, verifyHostname));
    }
    ch.config().setWriteBufferWaterMark(writeBufferWaterMark);
    if (readAllocator != null) {
      ch.config().setRecvByteBufAllocator(readAllocator);
    }
  }

  /**
   * Puts the time limits and the server's memory budget on {@code ch} ({@link ConnectionLimits}),
   * once the protocol's transport exists. Event loop.
   *
   * @param ch the channel
   * @param transport the channel's transport handler, which the limits close
   */
  public void limit(Channel ch, TransportHandler transport) {
    ConnectionLimits.install(ch, transport, transportOptions, budget);
  }
}
