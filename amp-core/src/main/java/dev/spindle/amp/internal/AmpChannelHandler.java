package dev.spindle.amp.internal;

import dev.spindle.amp.ConnectionLostException;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.box.BoxSender;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import io.netty.util.internal.PlatformDependent;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a channel to a {@link BoxReceiver} and is its {@link BoxSender}.
 *
 * <p>Writes from the event loop go straight to the channel; writes from other threads are queued
 * (lock-free) and drained by one event-loop task. Flushes are consolidated: one per read batch
 * ({@code channelReadComplete}) or per drain, not one per box.
 */
public final class AmpChannelHandler extends ChannelInboundHandlerAdapter implements BoxSender {
  private static final Logger logger = LoggerFactory.getLogger(AmpChannelHandler.class);

  /** Work handed to the event loop from another thread. */
  public interface LoopTask {
    /** Runs on the event loop. */
    void run(AmpChannelHandler handler);

    /** The connection is gone or its loop refused the task. */
    void fail(ConnectionLostException e);
  }

  private BoxReceiver receiver;
  private final Queue<Object> inbox = PlatformDependent.newMpscQueue();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
  private final Runnable drainTask = this::drain;
  private final Runnable flushTask = this::flushNow;

  private volatile Channel channel;
  private volatile boolean inactive;
  private ChannelHandlerContext ctx;
  private boolean reading;
  private boolean flushPending;
  private boolean flushScheduled;
  private Throwable closeCause;

  /** Sets the receiver; must be called before the channel becomes active. */
  public void setReceiver(BoxReceiver receiver) {
    this.receiver = receiver;
  }

  /** Completes when the channel is closed: normally, or with the protocol error that closed it. */
  public CompletableFuture<Void> closeFuture() {
    return closeFuture;
  }

  /** The channel, once the handler is added. */
  public Channel channel() {
    return channel;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.channel = ctx.channel();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    receiver.startReceivingBoxes(this);
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    try {
      receiver.ampBoxReceived((AmpBox) msg);
    } catch (Throwable t) {
      closeWithCause(t);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    reading = false;
    if (flushPending) {
      flushNow();
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    closeWithCause(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    inactive = true;
    Throwable cause = closeCause;
    try {
      receiver.stopReceivingBoxes(
          cause instanceof ConnectionLostException
              ? cause
              : new ConnectionLostException(
                  cause == null ? "connection closed" : "connection closed: " + cause.getMessage(),
                  cause));
    } finally {
      drain();
      if (cause == null) {
        closeFuture.complete(null);
      } else {
        closeFuture.completeExceptionally(cause);
      }
    }
    ctx.fireChannelInactive();
  }

  // ---- BoxSender -------------------------------------------------------------------------------

  @Override
  public void sendBox(AmpBox box) {
    Channel ch = channel;
    if (ch != null && ch.eventLoop().inEventLoop()) {
      write(box);
    } else {
      enqueue(box);
    }
  }

  @Override
  public void unhandledError(Throwable failure) {
    Channel ch = channel;
    if (ch != null && ch.eventLoop().inEventLoop()) {
      closeWithCause(failure);
    } else if (ch != null) {
      ch.eventLoop().execute(() -> closeWithCause(failure));
    }
  }

  /** Runs {@code task} on the event loop: now if called there, else queued in order with boxes. */
  public void execute(LoopTask task) {
    Channel ch = channel;
    if (ch != null && ch.eventLoop().inEventLoop()) {
      task.run(this);
    } else {
      enqueue(task);
    }
  }

  /** Closes the channel after flushing what was written. Thread-safe. */
  public void close() {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    EventLoop loop = ch.eventLoop();
    if (loop.inEventLoop()) {
      flushNow();
      ch.close();
    } else {
      loop.execute(() -> {
        drain();
        ch.close();
      });
    }
  }

  /** Writes {@code box} now (event loop only) and arranges one flush for the batch. */
  public void write(AmpBox box) {
    ctx.write(box, ctx.voidPromise());
    flushPending = true;
    if (!reading && !flushScheduled) {
      flushScheduled = true;
      ctx.channel().eventLoop().execute(flushTask);
    }
  }

  private void enqueue(Object item) {
    inbox.offer(item);
    if (drainScheduled.compareAndSet(false, true)) {
      Channel ch = channel;
      try {
        if (ch == null) {
          throw new RejectedExecutionException("no channel");
        }
        ch.eventLoop().execute(drainTask);
      } catch (RejectedExecutionException e) {
        drainScheduled.set(false);
        failQueued(new ConnectionLostException("event loop is shut down", e));
      }
    }
  }

  private void drain() {
    drainScheduled.set(false);
    boolean wrote = false;
    Object item;
    while ((item = inbox.poll()) != null) {
      if (item instanceof AmpBox) {
        if (!inactive) {
          ctx.write(item, ctx.voidPromise());
          wrote = true;
        }
      } else {
        LoopTask task = (LoopTask) item;
        if (inactive) {
          task.fail(new ConnectionLostException("connection closed", closeCause));
        } else {
          task.run(this);
        }
      }
    }
    if (wrote || flushPending) {
      flushNow();
    }
  }

  private void failQueued(ConnectionLostException e) {
    Object item;
    while ((item = inbox.poll()) != null) {
      if (item instanceof LoopTask) {
        ((LoopTask) item).fail(e);
      }
    }
  }

  private void flushNow() {
    flushScheduled = false;
    flushPending = false;
    if (ctx != null) {
      ctx.flush();
    }
  }

  private void closeWithCause(Throwable cause) {
    if (closeCause == null && !inactive) {
      closeCause = cause;
      logger.debug("closing {}: {}", channel, cause.toString());
    }
    flushNow();
    ctx.channel().close();
  }
}
