package dev.spindle.amp.internal;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.codec.AmpBoxEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Encodes the {@link AmpBox}es written between two flushes into one buffer instead of one buffer
 * each: the transport then sees one message per flush, not one per box (one allocation, one
 * outbound-buffer entry and one NIO buffer per batch). The bytes are the same as {@link
 * AmpBoxEncoder}'s, box after box.
 *
 * <p>A box written with a real promise (not the void promise) is written on its own buffer, after
 * the batch so far, so its promise means what it says. The batch is written out on {@code flush},
 * and early once it holds about {@value #MAX_BATCH} bytes. The first buffer of a batch is sized by
 * the last batches (between {@value #MIN_BATCH} and {@value #MAX_BATCH} bytes), and a box that does
 * not fit in it goes into a new buffer rather than growing (and so copying) the old one.
 *
 * <p>Boxes waiting in the batch are not yet counted by the channel's outbound buffer (its
 * writability) until the batch is written: at the next flush (the end of the read batch or loop
 * turn) or once it holds {@value #MAX_BATCH} bytes, well under Netty's default 64 KiB high-water
 * mark. So writability lags by at most that much.
 *
 * <p>Event-loop confined; one instance per channel.
 */
public final class BatchingBoxEncoder extends ChannelOutboundHandlerAdapter {
  static final int MIN_BATCH = 512;
  /** The most bytes one batch holds before it is written out; writability may lag by this much. */
  public static final int MAX_BATCH = 16 * 1024;

  private ByteBuf batch;
  private int nextCapacity = 2048;

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof AmpBox)) {
      writeBatch(ctx);
      ctx.write(msg, promise);
      return;
    }
    AmpBox box = (AmpBox) msg;
    int length = box.encodedLength();
    if (!promise.isVoid()) {
      writeBatch(ctx);
      ByteBuf own = ctx.alloc().ioBuffer(length);
      AmpBoxEncoder.encode(box, own);
      ctx.write(own, promise);
      return;
    }
    ByteBuf buf = batch;
    if (buf != null && buf.capacity() - buf.writerIndex() < length) {
      // Full: send what it has; the next buffer is bigger.
      nextCapacity = Math.min(MAX_BATCH, nextCapacity * 2);
      writeBatch(ctx);
      buf = null;
    }
    if (buf == null) {
      buf = batch = ctx.alloc().ioBuffer(Math.max(length, nextCapacity));
    }
    AmpBoxEncoder.encode(box, buf);
    if (buf.readableBytes() >= MAX_BATCH) {
      writeBatch(ctx);
    }
  }

  @Override
  public void flush(ChannelHandlerContext ctx) {
    ByteBuf buf = batch;
    if (buf != null && buf.readableBytes() * 4 < nextCapacity && nextCapacity > MIN_BATCH) {
      nextCapacity /= 2; // mostly empty: smaller next time
    }
    writeBatch(ctx);
    ctx.flush();
  }

  @Override
  public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
    // Unflushed writes are dropped at close, as the transport drops them.
    release();
    ctx.close(promise);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    release();
  }

  private void writeBatch(ChannelHandlerContext ctx) {
    ByteBuf buf = batch;
    if (buf != null) {
      batch = null;
      ctx.write(buf, ctx.voidPromise());
    }
  }

  private void release() {
    ByteBuf buf = batch;
    if (buf != null) {
      batch = null;
      buf.release();
    }
  }
}
