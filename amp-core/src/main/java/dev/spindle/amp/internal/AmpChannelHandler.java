package dev.spindle.amp.internal;

import dev.spindle.transport.internal.Backpressure;

import dev.spindle.amp.ConnectionLostException;
import dev.spindle.amp.ProtocolSwitchedException;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.box.BoxSender;
import dev.spindle.amp.dispatch.BoxDispatcher;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a channel to a {@link BoxReceiver} and is its {@link BoxSender}.
 *
 * <p>Thread-safe where noted: {@link #sendBox}, {@link #unhandledError}, {@link #execute} and
 * {@link #close} may be called from any thread. Called on the event loop, they act at once (after
 * anything other threads queued earlier); from other threads, boxes and tasks are queued
 * (lock-free) and run in order by one event-loop task, as grpc-java's {@code WriteQueue} does.
 * Flushes are consolidated: one per read batch ({@code channelReadComplete}), per drain, or per
 * loop turn for writes made outside a read, never one per box.
 *
 * <p>Lifecycle: boxes and tasks that arrive before the channel is active are held and run once it
 * is (so a call made from an {@code onConnection} callback or a connect listener works). Once this
 * side has decided to close, or the channel is gone, boxes are dropped, tasks fail with a {@link
 * ConnectionLostException}, and boxes still arriving from the peer are ignored. The receiver's
 * {@code stopReceivingBoxes} runs before {@link #closeFuture()} completes.
 *
 * <p>Flow control: see {@link #isWritable()}. Boxes and calls queued by other threads count
 * towards the connection's pending bytes until the loop writes them; reading from the peer pauses
 * while the channel is not writable (see {@code Backpressure}).
 */
public final class AmpChannelHandler extends ChannelInboundHandlerAdapter implements BoxSender {
  private static final Logger logger = LoggerFactory.getLogger(AmpChannelHandler.class);

  /** Work handed to the event loop. */
  public interface LoopTask {
    /** Runs on the event loop while the connection is open. */
    void run(AmpChannelHandler handler);

    /**
     * The task will never run: the connection is gone, its loop refused the task, or {@link #run}
     * threw {@code cause}. May be called on any thread.
     */
    void fail(Throwable cause);

    /**
     * The bytes this task will write, counted as pending while it waits in the queue (so a thread
     * that queues calls faster than the loop writes them meets the high-water mark). Default 0.
     */
    default int queuedBytes() {
      return 0;
    }
  }

  private enum State {
    /** Not active yet: boxes and tasks are held. */
    NEW,
    ACTIVE,
    /** This side has closed or decided to close; the channel is not inactive yet. */
    CLOSING,
    CLOSED,
    /** The byte stream now belongs to another protocol (a protocol switch). */
    SWITCHED
  }

  private final Queue<Object> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final AtomicBoolean awaitingDeadLoop = new AtomicBoolean();
  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
  private final Runnable drainTask = this::drain;
  private final Runnable flushTask = this::scheduledFlush;
  private final Backpressure backpressure =
      new Backpressure(this::updateBackpressure, this::resumeReading);

  private BoxReceiver receiver;
  private volatile Channel channel;
  private ChannelHandlerContext ctx;
  // Event-loop confined from here on.
  private State state = State.NEW;
  private boolean receiving;
  private boolean reading;
  private boolean draining;
  private boolean flushPending;
  private boolean flushScheduled;
  private Throwable closeCause;
  // StartTLS and protocol switches.
  private ArrayList<AmpBox> held;
  private ProtocolSwitchedException locked;
  private AmpBox afterWriteBox;
  private Runnable afterWriteAction;

  /** Sets the receiver; must be called before the handler is added to a pipeline. */
  public void setReceiver(BoxReceiver receiver) {
    this.receiver = receiver;
  }

  /**
   * Completes when the channel is closed and the receiver has stopped: normally, or exceptionally
   * with the error that made this side close (a protocol error from the peer, a fatal responder
   * error, an I/O error).
   */
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
    backpressure.attach(ctx.channel());
    if (ctx.channel().isActive()) {
      // Added to a channel that is already active: channelActive will not come.
      activate();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    activate();
    ctx.fireChannelActive();
  }

  private void activate() {
    if (state != State.NEW) {
      return;
    }
    state = State.ACTIVE;
    receiving = true;
    receiver.startReceivingBoxes(this);
    drain();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (state != State.ACTIVE) {
      // This side is closing: like Twisted after loseConnection, ignore what is still arriving.
      return;
    }
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
    updateBackpressure();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    updateBackpressure();
    ctx.fireChannelWritabilityChanged();
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
    reading = false;
    Throwable cause = closeCause;
    if (backpressure.hasWaiters()) {
      backpressure.closed(lost());
    }
    try {
      if (receiving) {
        receiving = false;
        receiver.stopReceivingBoxes(
            cause instanceof ConnectionLostException
                ? cause
                : new ConnectionLostException(
                    cause == null ? "connection closed" : "connection closed: " + cause, cause));
      }
    } finally {
      drain();
      if (cause == null) {
        closeFuture.complete(null);
      } else {
        closeFuture.completeExceptionally(cause);
      }
    }
  }

  // ---- StartTLS and protocol switches (event loop only) ----------------------------------------

  /**
   * Holds the boxes written from now on, in order, until {@link #releaseWrites()}: what is sent
   * while a StartTLS waits for its answer goes out encrypted (Twisted's {@code _prepareTLS}).
   */
  public void holdWrites() {
    if (held == null) {
      held = new ArrayList<>();
    }
  }

  /** Writes the held boxes through the pipeline as it is now. */
  public void releaseWrites() {
    ArrayList<AmpBox> boxes = held;
    held = null;
    if (boxes != null && state == State.ACTIVE) {
      for (AmpBox b : boxes) {
        write(b);
      }
    }
  }

  /**
   * Refuses AMP traffic from now on (Twisted's {@code _lockForSwitch}): boxes are dropped and
   * calls fail with a {@link ProtocolSwitchedException} saying {@code why}.
   */
  public void lock(String why) {
    locked = new ProtocolSwitchedException(why);
  }

  /** Allows AMP traffic again (Twisted's {@code _unlockFromSwitch}, after a refused switch). */
  public void unlock() {
    locked = null;
  }

  /**
   * Runs {@code action} right after {@code box} (this very instance) is written and flushed, before
   * any later box: how an answer that starts TLS or switches protocols takes effect.
   */
  public void afterWrite(AmpBox box, Runnable action) {
    afterWriteBox = box;
    afterWriteAction = action;
  }

  /**
   * The channel's bytes now belong to another protocol and this handler is leaving the pipeline:
   * the receiver stops (pending calls fail with {@code reason}), later boxes are dropped and calls
   * fail, and {@link #closeFuture()} completes when the channel closes.
   */
  public void switched(ProtocolSwitchedException reason) {
    if (state != State.ACTIVE) {
      return;
    }
    state = State.SWITCHED;
    closeCause = reason;
    locked = reason;
    held = null;
    flushPending = false;
    try {
      if (receiving) {
        receiving = false;
        receiver.stopReceivingBoxes(reason);
      }
    } finally {
      drain();
      channel.closeFuture().addListener(f -> closeFuture.complete(null));
    }
  }

  // ---- Flow control ----------------------------------------------------------------------------

  /**
   * True while the connection takes more without passing its write high-water mark: Netty's
   * outbound buffer is below the channel's {@link io.netty.channel.WriteBufferWaterMark} (with its
   * hysteresis: once above the high mark, writable again only below the low mark) and, with the
   * boxes queued by other threads, still below the high mark. False once the connection is closed.
   * Thread-safe.
   */
  public boolean isWritable() {
    return backpressure.isWritable();
  }

  /**
   * Completes when {@link #isWritable()} (at once if it is now), or fails with a {@link
   * ConnectionLostException} if the connection closes first. Thread-safe.
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
    backpressure.update(awaitingAnswers());
  }

  /**
   * Event loop, in a task of its own: resumes reading. The boxes held while paused arrive during
   * it with no {@code channelReadComplete} after them, so their answers are flushed here.
   */
  private void resumeReading() {
    if (state != State.CLOSED && state != State.CLOSING && backpressure.resume(awaitingAnswers())) {
      reading = false;
      if (flushPending) {
        flushNow();
      }
    }
  }

  private boolean awaitingAnswers() {
    return receiver instanceof BoxDispatcher d && d.pendingCalls() > 0;
  }

  // ---- BoxSender -------------------------------------------------------------------------------

  /**
   * Sends {@code box}. Thread-safe. Boxes sent before the channel is active are held; boxes sent
   * once the connection is closing are dropped.
   */
  @Override
  public void sendBox(AmpBox box) {
    Channel ch = channel;
    if (ch == null || !ch.eventLoop().inEventLoop() || state == State.NEW) {
      enqueue(box);
      return;
    }
    if (state != State.ACTIVE) {
      logger.debug("dropping a box sent on closed {}", ch);
      return;
    }
    if (!draining && !inbox.isEmpty()) {
      drain(); // keep the order of boxes queued earlier by other threads
    }
    write(box);
  }

  /** Closes the connection because of {@code failure}. Thread-safe. */
  @Override
  public void unhandledError(Throwable failure) {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    EventLoop loop = ch.eventLoop();
    if (loop.inEventLoop()) {
      closeWithCause(failure);
      return;
    }
    try {
      loop.execute(() -> closeWithCause(failure));
    } catch (RejectedExecutionException e) {
      logger.debug("event loop gone; cannot report {}", failure.toString());
      closeWhenLoopTerminates(loop, failure);
    }
  }

  /**
   * Runs {@code task} on the event loop: at once if called there while the connection is open,
   * else queued in order with boxes. Thread-safe. If the connection is closing or gone, the task
   * fails instead.
   */
  public void execute(LoopTask task) {
    Channel ch = channel;
    if (ch == null || !ch.eventLoop().inEventLoop() || state == State.NEW) {
      enqueue(task);
      return;
    }
    if (state != State.ACTIVE) {
      task.fail(lost());
      return;
    }
    if (!draining && !inbox.isEmpty()) {
      drain();
    }
    run(task);
  }

  /**
   * Closes the channel after writing and flushing what was queued before. Thread-safe; the close
   * itself happens on the event loop.
   */
  public void close() {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    EventLoop loop = ch.eventLoop();
    if (loop.inEventLoop()) {
      close0();
      return;
    }
    try {
      loop.execute(this::close0);
    } catch (RejectedExecutionException e) {
      // The loop is shutting down and runs nothing more from us.
      closeWhenLoopTerminates(loop, null);
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
              if (closeCause == null && state != State.CLOSING) {
                closeCause = cause;
              }
              closed();
            });
  }

  private void close0() {
    if (state == State.SWITCHED) {
      channel.close();
      return;
    }
    if (state == State.ACTIVE && !draining) {
      drain();
    }
    if (state == State.ACTIVE || state == State.NEW) {
      state = State.CLOSING;
    }
    flushNow();
    ctx.close();
  }

  private void closeWithCause(Throwable cause) {
    if (state == State.SWITCHED) {
      channel.close();
      return;
    }
    if (closeCause == null && state != State.CLOSED) {
      closeCause = cause;
      logger.debug("closing {}: {}", channel, cause.toString());
    }
    if (state == State.ACTIVE && !draining) {
      // Boxes queued by other threads before this point go out first (a fatal error box sent
      // from another thread, for example).
      drain();
    }
    if (state == State.ACTIVE || state == State.NEW) {
      state = State.CLOSING;
    }
    flushNow();
    ctx.close();
  }

  /** Writes {@code box} now and arranges one flush for the batch. Event loop, ACTIVE only. */
  private void write(AmpBox box) {
    if (held != null) {
      held.add(box);
      return;
    }
    if (locked != null) {
      logger.debug("dropping a box sent on {}: {}", channel, locked.getMessage());
      return;
    }
    ctx.write(box, ctx.voidPromise());
    if (box == afterWriteBox) {
      Runnable action = afterWriteAction;
      afterWriteBox = null;
      afterWriteAction = null;
      flushNow();
      action.run();
      return;
    }
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

  private void run(LoopTask task) {
    if (locked != null) {
      task.fail(locked);
      return;
    }
    try {
      task.run(this);
    } catch (Throwable t) {
      logger.debug("loop task failed", t);
      task.fail(t);
    }
  }

  private void enqueue(Object item) {
    backpressure.queued(queuedBytes(item));
    inbox.offer(item);
    if (!drainScheduled.compareAndSet(false, true)) {
      return; // a drain is scheduled and has not started: it will see the item
    }
    Channel ch = channel;
    if (ch == null) {
      // Not attached yet: handlerAdded and activation drain.
      drainScheduled.set(false);
      return;
    }
    try {
      ch.eventLoop().execute(drainTask);
    } catch (RejectedExecutionException e) {
      failRejected(ch.eventLoop(), e);
    }
  }

  /** Runs on the event loop: writes queued boxes and runs queued tasks, in order, then flushes. */
  private void drain() {
    drainScheduled.set(false);
    if (state == State.NEW) {
      return; // held until activation
    }
    boolean outer = !draining;
    draining = true;
    try {
      Object item;
      while ((item = inbox.poll()) != null) {
        backpressure.dequeued(queuedBytes(item));
        if (item instanceof AmpBox) {
          if (state == State.ACTIVE) {
            write((AmpBox) item);
          }
        } else {
          LoopTask task = (LoopTask) item;
          if (state == State.ACTIVE) {
            run(task);
          } else {
            task.fail(lost());
          }
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

  private static int queuedBytes(Object item) {
    return item instanceof AmpBox ? ((AmpBox) item).encodedLength() : ((LoopTask) item).queuedBytes();
  }

  /**
   * The loop refused the drain task: it is shut down and will run nothing more, so this thread
   * fails the queued tasks. {@code drainScheduled} stays true meanwhile, so no other thread drains
   * at the same time; items that arrive as it is released are picked up by the loop.
   */
  private void failRejected(EventLoop loop, RejectedExecutionException e) {
    ConnectionLostException lost = new ConnectionLostException("event loop is shut down", e);
    closeWhenLoopTerminates(loop, lost);
    do {
      Object item;
      while ((item = inbox.poll()) != null) {
        backpressure.dequeued(queuedBytes(item));
        if (item instanceof LoopTask) {
          ((LoopTask) item).fail(lost);
        }
      }
      drainScheduled.set(false);
    } while (!inbox.isEmpty() && drainScheduled.compareAndSet(false, true));
  }

  private ConnectionLostException lost() {
    if (state == State.SWITCHED) {
      return locked; // the ProtocolSwitchedException itself, whenever the call comes
    }
    return new ConnectionLostException(
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
    if (ctx != null && state != State.SWITCHED) {
      ctx.flush();
    }
  }
}
