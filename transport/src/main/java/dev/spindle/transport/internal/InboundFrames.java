package dev.spindle.transport.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one connection's decoder holds of a frame it has started and not finished: first in the
 * pipeline, after each read it asks the decoder (the {@link FrameDecoder} in the pipeline: AMP's
 * box decoder, Banana's decoder, whichever is there now after a StartTLS) and {@link #update}s: the
 * frame timeout runs while a frame is open, and the bytes held count against the server's {@link
 * MemoryBudget}. A channel without one (a client without limits, a test) has neither limit.
 */
public final class InboundFrames extends ChannelInboundHandlerAdapter {
  private static final Logger logger = LoggerFactory.getLogger(InboundFrames.class);
  private static final AttributeKey<InboundFrames> KEY =
      AttributeKey.valueOf(InboundFrames.class, "spindle-inbound-frames");

  private final TransportHandler transport;
  private final MemoryBudget budget;
  private final long frameTimeoutNanos;
  private final Runnable expire = this::expire;
  /** Bytes held as last reported; read by the budget's slow path on other threads. */
  private final AtomicLong held = new AtomicLong();
  // Event-loop confined.
  private ScheduledFuture<?> timer;
  private ChannelHandlerContext decoderCtx;
  private boolean open;
  /** The decoder's frame count at the last read: a change while open means a new frame began. */
  private long framesSeen;
  /** When the frame open now began (as seen after a read), {@link System#nanoTime()}. */
  private long openSinceNanos;
  private volatile boolean evicted;

  private InboundFrames(TransportHandler transport, MemoryBudget budget, Duration frameTimeout) {
    this.transport = transport;
    this.budget = budget;
    this.frameTimeoutNanos = frameTimeout.toNanos();
  }

  /**
   * Attaches the limits to {@code ch}: a frame timeout (zero: none) and a budget (null: none).
   * Returns null, attaching nothing, when there is neither.
   *
   * @param ch the new channel, not active yet
   * @param transport the channel's transport handler, which a limit closes
   * @param budget the server's memory budget, or null
   * @param frameTimeout the longest time a frame may stay open; zero for none
   * @return the handler added first to the pipeline, or null
   */
  public static InboundFrames install(
      Channel ch, TransportHandler transport, MemoryBudget budget, Duration frameTimeout) {
    if (budget == null && frameTimeout.isZero()) {
      return null;
    }
    InboundFrames f = new InboundFrames(transport, budget, frameTimeout);
    ch.attr(KEY).set(f);
    ch.pipeline().addFirst("inbound-frames", f);
    if (budget != null) {
      budget.register(f);
    }
    ch.closeFuture().addListener(x -> f.closed());
    return f;
  }

  /**
   * The limits of {@code ch}'s frames, or null.
   *
   * @param ch a channel
   * @return the channel's handler, or null if {@link #install} attached none
   */
  public static InboundFrames of(Channel ch) {
    return ch.attr(KEY).get();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ctx.fireChannelRead(msg); // the decoder behind runs now
    afterRead(ctx);
  }

  private void afterRead(ChannelHandlerContext ctx) {
    ChannelHandlerContext c = decoderCtx;
    if (c == null || c.isRemoved()) {
      // The decoder in the pipeline now: another after a StartTLS, none after a protocol switch.
      c = decoderCtx = ctx.pipeline().context(FrameDecoder.class);
    }
    if (c == null) {
      update(false, 0);
      return;
    }
    FrameDecoder decoder = (FrameDecoder) c.handler();
    boolean frameOpen = decoder.frameOpen();
    long frames = decoder.framesDecoded();
    if (frameOpen && open && frames != framesSeen && frameTimeoutNanos != 0) {
      // The frame open before this read is done and another has begun: its time starts now.
      openSinceNanos = System.nanoTime();
    }
    framesSeen = frames;
    update(frameOpen, frameOpen ? decoder.heldBytes() : 0);
  }

  /**
   * After a read: whether a frame is open (started, not finished) and how many bytes the decoder
   * holds for it (its cumulation and what it built). Event loop.
   *
   * @param frameOpen true if a frame is under way
   * @param heldBytes the bytes held for it, 0 or more (0 when none is open)
   */
  public void update(boolean frameOpen, long heldBytes) {
    if (frameOpen != open) {
      open = frameOpen;
      if (frameOpen) {
        arm();
      } else {
        disarm();
      }
    }
    if (budget != null) {
      // Every byte added here is taken off exactly once, by whichever getAndSet takes it.
      long before = held.getAndSet(heldBytes);
      if (heldBytes != before) {
        budget.add(heldBytes - before);
      }
    }
  }

  long held() {
    return evicted ? 0 : held.get();
  }

  /**
   * The budget's slow path chose this connection: it is closed and its bytes leave the total now.
   * Any thread. Returns false if it was already evicted.
   */
  boolean evict(long total, long limit) {
    if (evicted) {
      return false;
    }
    evicted = true;
    long h = held.getAndSet(0);
    budget.deregister(this);
    budget.add(-h);
    logger.debug("{}: server memory budget of {} bytes exceeded ({} held); closing the connection holding"
        + " the most ({} bytes)", transport.channel(), limit, total, h);
    transport.closeLost("server memory budget exceeded: this connection held " + h
        + " bytes of unfinished frames (all connections: " + total + ", limit " + limit + ")");
    return true;
  }

  private void arm() {
    if (frameTimeoutNanos == 0) {
      return;
    }
    openSinceNanos = System.nanoTime();
    if (timer == null) {
      schedule(frameTimeoutNanos);
    }
  }

  private void schedule(long delayNanos) {
    try {
      timer = transport.channel().eventLoop().schedule(expire, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The loop is shutting down, the channel with it.
    }
  }

  private void disarm() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      timer = null;
      t.cancel(false);
    }
  }

  /**
   * The timer armed when a frame opened has run out. If frames finished since and the one open now
   * began later, it gets what remains of its own time: one timer per open stretch, not per frame.
   */
  private void expire() {
    timer = null;
    long age = System.nanoTime() - openSinceNanos;
    if (open && age < frameTimeoutNanos) {
      schedule(frameTimeoutNanos - age);
      return;
    }
    if (open) {
      logger.debug("{}: a frame started {} ms ago is not finished; closing",
          transport.channel(), TimeUnit.NANOSECONDS.toMillis(frameTimeoutNanos));
      transport.closeLost("frame timeout: a frame started " + TimeUnit.NANOSECONDS.toMillis(frameTimeoutNanos)
          + " ms ago is not finished");
    }
  }

  private void closed() {
    disarm();
    if (budget != null) {
      evicted = true;
      budget.deregister(this);
      long h = held.getAndSet(0);
      if (h != 0) {
        budget.add(-h);
      }
    }
  }
}
