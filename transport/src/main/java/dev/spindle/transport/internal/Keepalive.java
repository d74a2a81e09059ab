package dev.spindle.transport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings an idle connection to prove the peer alive, and closes it if nothing comes back in time.
 *
 * <p>Netty's {@link IdleStateHandler} reports when nothing was read for the interval; this handler
 * then asks the protocol's pinger for one ping and, as grpc-java's {@code KeepAliveManager} does,
 * arms the shutdown timer whether or not the ping could be written: a ping refused because the
 * write buffer is full (a dead peer behind a full socket) still ends in a close. Anything read
 * from the peer before the timer fires proves it alive and disarms the timer. One ping at a time;
 * pings start once the connection is open. Event-loop confined.
 */
public final class Keepalive extends ChannelInboundHandlerAdapter {
  private static final Logger logger = LoggerFactory.getLogger(Keepalive.class);

  private final TransportHandler transport;
  private final Supplier<?> pinger;
  private final Duration timeout;
  private final Runnable expire = this::expire;
  private ScheduledFuture<?> timer;

  private Keepalive(TransportHandler transport, Supplier<?> pinger, Duration timeout) {
    this.transport = transport;
    this.pinger = pinger;
    this.timeout = timeout;
  }

  /**
   * Adds the idle detector and the keepalive in front of {@code pipeline}.
   *
   * @param pipeline the new channel's pipeline
   * @param prefix the protocol's prefix of the two handlers' names, such as {@code "amp"}
   * @param transport the channel's transport handler, which the timeout closes
   * @param pinger sends one ping (its result is not looked at: any bytes from the peer count)
   * @param interval the read silence after which a ping is sent; positive
   * @param timeout how long to wait for any byte after the ping; positive
   */
  public static void install(
      ChannelPipeline pipeline,
      String prefix,
      TransportHandler transport,
      Supplier<?> pinger,
      Duration interval,
      Duration timeout) {
    pipeline.addFirst(prefix + "-keepalive", new Keepalive(transport, pinger, timeout));
    pipeline.addFirst(prefix + "-idle", new IdleStateHandler(interval.toNanos(), 0, 0, TimeUnit.NANOSECONDS));
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (timer != null) {
      disarm(); // the peer is alive
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    disarm();
    ctx.fireChannelInactive();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      ping(ctx);
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  private void ping(ChannelHandlerContext ctx) {
    if (timer != null || !transport.isReady()) {
      return;
    }
    if (logger.isTraceEnabled()) {
      logger.trace("{} idle: pinging", ctx.channel());
    }
    try {
      timer = ctx.executor().schedule(expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      return; // the loop is shutting down, the channel with it
    }
    try {
      pinger.get();
    } catch (RuntimeException e) {
      logger.debug("{}: keepalive ping not sent: {}", ctx.channel(), e.toString());
    }
  }

  private void disarm() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      timer = null;
      t.cancel(false);
    }
  }

  private void expire() {
    timer = null;
    logger.debug("{}: nothing from the peer within {} of a keepalive ping; closing", transport.channel(), timeout);
    transport.closeLost("keepalive: no answer within " + timeout.toMillis() + " ms (half-open connection?)");
  }
}
