package dev.spindle.pb.broker;

import dev.spindle.transport.internal.Backpressure;

import dev.spindle.pb.PbConnectionLostException;
import dev.spindle.pb.PbProtocolException;
import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaDialectSelected;
import dev.spindle.pb.banana.BananaEncoder;
import dev.spindle.pb.banana.BananaException;
import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.banana.Sexp;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a channel carrying Banana (after {@code BananaCodec}) to a {@link Broker} and is its
 * {@link Broker.Transport}.
 *
 * <p>Thread-safe where noted: {@link #execute} and {@link #close} may be called from any thread.
 * Called on the event loop once the connection is ready, tasks run at once (after anything other
 * threads queued earlier); from other threads, or before the Banana handshake has completed, they
 * are queued (lock-free) and run in order by one event-loop task, as grpc-java's {@code
 * WriteQueue} does. Flushes are consolidated: one per read batch ({@code channelReadComplete}),
 * per drain, or per loop turn for writes made outside a read, never one per message.
 *
 * <p>Lifecycle: when the dialect is selected the broker sends its {@code ["version", 6]}, queued
 * tasks run and {@link #ready()} completes. Once this side closes, or the channel is gone, tasks
 * fail with a {@link PbConnectionLostException}, writes are dropped and messages still arriving
 * are ignored. {@link Broker#connectionLost} runs before {@link #closeFuture()} completes.
 *
 * <p>Flow control for pagers: {@link #isWritable()} is the channel's, and the broker's {@link
 * Broker#resumeProducing} runs on a later loop turn when asked ({@link #resumeProducingLater})
 * and whenever the channel becomes writable again ({@code channelWritabilityChanged}).
 *
 * <p>Backpressure for callers: {@link #acceptsCalls()} is false above the channel's write
 * high-water mark (calls queued from other threads count too), and reading from the peer pauses
 * while the channel is not writable (see {@code Backpressure}).
 */
public final class BrokerChannelHandler extends ChannelInboundHandlerAdapter implements Broker.Transport {
  private static final Logger logger = LoggerFactory.getLogger(BrokerChannelHandler.class);

  private enum State {
    /** Before the Banana handshake completes: tasks are held. */
    NEW,
    READY,
    /** This side has closed or decided to close; the channel is not inactive yet. */
    CLOSING,
    CLOSED
  }

  private final BananaLimits limits;
  private final Queue<Broker.Task> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean awaitingDeadLoop = new AtomicBoolean();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
  private final Runnable drainTask = this::drain;
  private final Runnable flushTask = this::scheduledFlush;
  private final Runnable resumeTask = this::scheduledResume;
  private final Backpressure backpressure =
      new Backpressure(this::updateBackpressure, this::resumeReading);

  private Broker broker;
  private volatile Channel channel;
  private volatile boolean open = true;
  private ChannelHandlerContext ctx;
  // Event-loop confined from here on.
  private State state = State.NEW;
  private BananaDialect dialect;
  private boolean reading;
  private boolean draining;
  private boolean flushPending;
  private boolean flushScheduled;
  private boolean resumeScheduled;
  private boolean resuming;
  private Throwable closeCause;

  /** Creates the handler; {@code limits} are the Banana limits its messages are encoded with. */
  public BrokerChannelHandler(BananaLimits limits) {
    this.limits = limits;
  }

  /** Sets the broker; must be called before the handler is added to a pipeline. */
  public void setBroker(Broker broker) {
    this.broker = broker;
  }

  /** Completes on the event loop once the handshake is done and the version is sent. */
  public CompletableFuture<Void> ready() {
    return ready;
  }

  /**
   * Completes when the channel is closed and the broker has been told: normally, or exceptionally
   * with the error that made this side close (a {@link PbProtocolException}, an I/O error).
   */
  public CompletableFuture<Void> closeFuture() {
    return closeFuture;
  }

  /** The channel, once the handler is added. */
  public Channel channel() {
    return channel;
  }

  /** True until this side closes or the channel is gone (calls made now will be tried). */
  public boolean isOpen() {
    return open;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.channel = ctx.channel();
    backpressure.attach(ctx.channel());
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof BananaDialectSelected selected && state == State.NEW) {
      dialect = selected.dialect();
      state = State.READY;
      logger.debug("{} pb: ready ({} dialect)", ctx.channel(), dialect.wireName());
      try {
        broker.connectionReady();
      } catch (RuntimeException e) {
        closeWithCause(e);
        return;
      }
      drain();
      ready.complete(null);
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (state != State.READY) {
      // Closing: like Twisted after loseConnection, ignore what is still arriving.
      return;
    }
    reading = true;
    try {
      broker.received((Sexp) msg);
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
    updateBackpressure();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (state == State.READY && ctx.channel().isWritable()) {
      resume();
    }
    updateBackpressure();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
    if (c instanceof BananaException) {
      c = new PbProtocolException("Banana: " + c.getMessage(), c);
    }
    closeWithCause(c);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    closed();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelUnregistered(ChannelHandlerContext ctx) throws Exception {
    // A channel that never became active (failed connect) gets no channelInactive.
    if (!ctx.channel().isOpen()) {
      closed();
    }
    ctx.fireChannelUnregistered();
  }

  private void closed() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    open = false;
    reading = false;
    Throwable cause = closeCause;
    logger.debug("{} pb: closed{}", channel, cause == null ? "" : ": " + cause);
    if (backpressure.hasWaiters()) {
      backpressure.closed(lost());
    }
    try {
      broker.connectionLost(cause);
    } finally {
      drain();
      if (!ready.isDone()) {
        ready.completeExceptionally(new PbConnectionLostException(
            "connection closed before the Banana handshake completed", cause));
      }
      if (cause == null) {
        closeFuture.complete(null);
      } else {
        closeFuture.completeExceptionally(cause);
      }
    }
  }

  // ---- Transport -----------------------------------------------------------------------------

  /**
   * Encodes and writes {@code message} on the event loop; dropped once the connection is closing.
   *
   * @throws dev.spindle.pb.banana.BananaEncodingException if it cannot be encoded; nothing written
   */
  @Override
  public void send(Sexp message) {
    assert channel.eventLoop().inEventLoop();
    if (state != State.READY) {
      logger.debug("{} pb: dropping a message sent while {}", channel, state);
      return;
    }
    if (logger.isTraceEnabled()) {
      logger.trace("{} pb: send {}", channel, message);
    }
    ByteBuf buf = BananaEncoder.encode(message, dialect, limits, ctx.alloc());
    ctx.write(buf, ctx.voidPromise());
    flushPending = true;
    if (!reading && !draining && !flushScheduled) {
      flushScheduled = true;
      try {
        ctx.channel().eventLoop().execute(flushTask);
      } catch (RejectedExecutionException e) {
        flushNow();
      }
    }
  }

  /**
   * Runs {@code task} on the event loop: at once if called there while the connection is ready,
   * else queued in order. Thread-safe. If the connection is closing or gone, the task fails.
   */
  @Override
  public void execute(Broker.Task task) {
    Channel ch = channel;
    if (ch == null || !ch.eventLoop().inEventLoop() || state == State.NEW) {
      enqueue(task);
      return;
    }
    if (state != State.READY) {
      task.fail(lost());
      return;
    }
    if (!draining && !inbox.isEmpty()) {
      drain(); // keep the order of tasks queued earlier by other threads
    }
    run(task);
  }

  /** The channel's writability; false once the connection is closing. Event-loop confined. */
  @Override
  public boolean isWritable() {
    return state == State.READY && channel.isWritable();
  }

  /**
   * True while callers may add calls: the bytes waiting to be written (Netty's outbound buffer,
   * with its water marks' hysteresis, plus calls queued from other threads) are below the write
   * high-water mark. False once the connection is closed. Thread-safe.
   */
  public boolean acceptsCalls() {
    return backpressure.isWritable();
  }

  /**
   * Completes when {@link #acceptsCalls()} (at once if now), or fails with a {@link
   * PbConnectionLostException} if the connection closes first. Thread-safe.
   */
  public CompletableFuture<Void> whenWritable() {
    return backpressure.whenWritable(this::lost);
  }

  /** Bytes waiting to be written: Netty's outbound buffer plus this handler's queue. Thread-safe. */
  public long pendingWriteBytes() {
    return backpressure.pendingBytes();
  }

  /** Event loop: pauses or resumes reading and wakes {@link #whenWritable()} futures. */
  private void updateBackpressure() {
    if (state == State.CLOSED || state == State.CLOSING) {
      if (backpressure.hasWaiters()) {
        backpressure.closed(lost());
      }
      return;
    }
    backpressure.update(broker.pendingCallCount() > 0);
  }

  /**
   * Event loop, in a task of its own: resumes reading. The messages held while paused arrive
   * during it with no {@code channelReadComplete} after them, so their answers are flushed here.
   */
  private void resumeReading() {
    if (state != State.CLOSED && state != State.CLOSING && backpressure.resume(broker.pendingCallCount() > 0)) {
      reading = false;
      if (flushPending) {
        flushNow();
      }
    }
  }

  /** Runs {@link Broker#resumeProducing} in a task of its own, at most one pending. Event loop. */
  @Override
  public void resumeProducingLater() {
    assert channel.eventLoop().inEventLoop();
    if (resumeScheduled || state != State.READY) {
      return;
    }
    resumeScheduled = true;
    try {
      channel.eventLoop().execute(resumeTask);
    } catch (RejectedExecutionException e) {
      resumeScheduled = false; // the loop is shutting down; the channel and its pagers with it
    }
  }

  private void scheduledResume() {
    resumeScheduled = false;
    if (state == State.READY) {
      resume();
    }
  }

  /**
   * Lets the broker's pagers write while the channel is writable, then flushes. If the channel
   * becomes writable again during that flush (the socket took everything), the next round runs in
   * a task of its own: no recursion, and other channels of the loop get their turn.
   */
  private void resume() {
    if (resuming) {
      resumeProducingLater();
      return;
    }
    resuming = true;
    try {
      broker.resumeProducing();
      if (flushPending && !reading && !draining) {
        flushNow();
      }
    } catch (Throwable t) {
      closeWithCause(t);
    } finally {
      resuming = false;
    }
  }

  /** Closes the connection: orderly if {@code cause} is null. Thread-safe. */
  @Override
  public void close(Throwable cause) {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    EventLoop loop = ch.eventLoop();
    if (loop.inEventLoop()) {
      closeWithCause(cause);
      return;
    }
    try {
      loop.execute(() -> closeWithCause(cause));
    } catch (RejectedExecutionException e) {
      closeWhenLoopTerminates(loop, cause); // the loop is shutting down and runs nothing more
    }
  }

  /**
   * The channel's loop refused a task. Netty does not always close a channel when its loop shuts
   * down (a local channel stays open), and then nothing would ever complete {@link #closeFuture()}
   * or fail the calls still waiting. So once the loop has terminated, and so can no longer touch
   * this handler, the connection is marked closed from the thread that saw it terminate, with
   * {@code cause} (null for a close this side asked for) unless this side was already closing.
   */
  private void closeWhenLoopTerminates(EventLoop loop, Throwable cause) {
    if (!awaitingDeadLoop.compareAndSet(false, true)) {
      return;
    }
    loop.terminationFuture()
        .addListener(
            f -> {
              if (state == State.CLOSED) {
                return;
              }
              open = false;
              if (closeCause == null && state != State.CLOSING) {
                closeCause = cause;
              }
              closed();
            });
  }

  private void closeWithCause(Throwable cause) {
    open = false;
    if (cause != null && closeCause == null && state != State.CLOSED) {
      closeCause = cause;
      logger.debug("{} pb: closing: {}", channel, cause.toString());
    }
    if (state == State.READY && !draining) {
      drain(); // what other threads queued before the close goes out first
    }
    if (state == State.READY || state == State.NEW) {
      state = State.CLOSING;
    }
    flushNow();
    ctx.close();
  }

  private void run(Broker.Task task) {
    try {
      task.run();
    } catch (Throwable t) {
      logger.warn("{} pb: a task failed", channel, t);
      task.fail(t);
    }
  }

  private void enqueue(Broker.Task task) {
    backpressure.queued(task.queuedBytes());
    inbox.offer(task);
    if (!drainScheduled.compareAndSet(false, true)) {
      return; // a drain is scheduled and has not started: it will see the task
    }
    Channel ch = channel;
    if (ch == null) {
      drainScheduled.set(false); // not attached yet: readiness drains
      return;
    }
    try {
      ch.eventLoop().execute(drainTask);
    } catch (RejectedExecutionException e) {
      failRejected(ch.eventLoop(), e);
    }
  }

  /** Runs on the event loop: runs queued tasks in order (or fails them), then flushes. */
  private void drain() {
    drainScheduled.set(false);
    if (state == State.NEW) {
      return; // held until ready
    }
    boolean outer = !draining;
    draining = true;
    try {
      Broker.Task task;
      while ((task = inbox.poll()) != null) {
        backpressure.dequeued(task.queuedBytes());
        if (state == State.READY) {
          run(task);
        } else {
          task.fail(lost());
        }
      }
    } finally {
      if (outer) {
        draining = false;
      }
    }
    if (outer && flushPending && state != State.CLOSED) {
      flushNow();
    }
    if (outer && backpressure.hasWaiters()) {
      updateBackpressure();
    }
  }

  /** The loop refused the drain task: it is shut down, so this thread fails the queued tasks. */
  private void failRejected(EventLoop loop, RejectedExecutionException e) {
    PbConnectionLostException lost = new PbConnectionLostException("event loop is shut down", e);
    closeWhenLoopTerminates(loop, lost);
    do {
      Broker.Task task;
      while ((task = inbox.poll()) != null) {
        backpressure.dequeued(task.queuedBytes());
        task.fail(lost);
      }
      drainScheduled.set(false);
    } while (!inbox.isEmpty() && drainScheduled.compareAndSet(false, true));
  }

  private PbConnectionLostException lost() {
    return new PbConnectionLostException(
        closeCause == null ? "connection closed" : "connection closed: " + closeCause, closeCause);
  }

  private void scheduledFlush() {
    flushScheduled = false;
    if (flushPending) {
      flushNow();
    }
  }

  private void flushNow() {
    flushScheduled = false;
    flushPending = false;
    if (ctx != null) {
      ctx.flush();
    }
  }
}
