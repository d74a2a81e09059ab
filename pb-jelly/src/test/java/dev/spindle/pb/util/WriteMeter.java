package dev.spindle.pb.util;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.CompletableFuture;

/**
 * Measures a channel's outbound side from the head of its pipeline, with counters only: the most
 * bytes ever pending in Netty's outbound buffer (what a pager that ignored writability would make
 * grow without bound), how often the channel became unwritable, and the first time a flush left
 * bytes pending (the socket took less than offered: the peer is not reading fast enough). While
 * {@link #hold} is set it swallows flushes, so an embedded channel behaves as a socket whose peer
 * stopped reading; {@link #release} flushes again (on the event loop).
 */
final class WriteMeter extends ChannelDuplexHandler {
  volatile long maxPending;
  volatile int unwritable;
  volatile long messages;
  final CompletableFuture<Void> socketFull = new CompletableFuture<>();
  volatile boolean hold;
  private ChannelHandlerContext ctx;

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Stops holding flushes and flushes. */
  void release() {
    hold = false;
    flush(ctx);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    ctx.write(msg, promise);
    messages++;
    ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
    if (out != null && out.totalPendingWriteBytes() > maxPending) {
      maxPending = out.totalPendingWriteBytes();
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    if (hold) {
      return;
    }
    ctx.flush();
    ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
    if (out != null && out.totalPendingWriteBytes() > 0) {
      socketFull.complete(null);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (!ctx.channel().isWritable()) {
      unwritable++;
    }
    ctx.fireChannelWritabilityChanged();
  }
}
