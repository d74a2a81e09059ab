package dev.spindle.transport.internal;

import dev.spindle.transport.TransportOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Puts a connection's time limits and memory budget in place, from {@link TransportOptions}: the
 * handshake timeout on the transport, the frame timeout and budget where the decoders find them
 * ({@link InboundFrames}, asking the protocol's {@link FrameDecoder}), and the idle timeout first in the pipeline. Each closes only the slow
 * connection, with the protocol's "connection lost" saying which limit it met.
 */
public final class ConnectionLimits {
  private ConnectionLimits() {}

  /**
   * Installs the limits on a new channel, before it is active.
   *
   * @param ch the new channel
   * @param transport the channel's transport handler, which a limit closes
   * @param options the time limits
   * @param budget the server's budget, or null (clients, or off)
   */
  public static void install(
      Channel ch, TransportHandler transport, TransportOptions options, MemoryBudget budget) {
    transport.readyTimeout(options.handshakeTimeout());
    InboundFrames.install(ch, transport, budget, options.frameTimeout());
    if (!options.idleTimeout().isZero()) {
      ch.pipeline().addFirst("idle-timeout", new IdleTimeout(transport, options.idleTimeout()));
    }
  }

  /**
   * The server's budget for {@code options}, or null if it is off.
   *
   * @param options the server's options
   * @return a new budget shared by the server's connections, or null
   */
  public static MemoryBudget budget(TransportOptions options) {
    return options.memoryBudget() > 0 ? new MemoryBudget(options.memoryBudget()) : null;
  }

  /** Closes a connection with nothing read or written for the timeout. */
  private static final class IdleTimeout extends IdleStateHandler {
    private final TransportHandler transport;
    private final Duration timeout;

    IdleTimeout(TransportHandler transport, Duration timeout) {
      super(0, 0, timeout.toNanos(), TimeUnit.NANOSECONDS);
      this.transport = transport;
      this.timeout = timeout;
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
      transport.closeLost("idle timeout: nothing read or written for " + timeout.toMillis() + " ms");
    }
  }
}
