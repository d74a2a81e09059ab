package dev.spindle.transport.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler of an AMP or PB channel: joins the channel to its {@link Protocol} and
 * is the protocol's way out. One per channel, built by composition: the protocol hands it decoded
 * messages to nothing but {@link Protocol#received}, and writes through {@link #write} and {@link
 * #execute}.
 *
 * <p>Thread-safe where noted: {@link #write}, {@link #execute} and {@link #close} may be called
 * from any thread. Called on the event loop while open, they act at once (after anything other
 * threads queued earlier); from other threads, or before the connection is open, messages and
 * tasks are queued (lock-free, in a {@link WriteQueue}) and run in order by one event-loop task,
 * as grpc-java's {@code WriteQueue} does. Flushes are consolidated: one per read batch ({@code channelReadComplete}),
 * per drain, or per loop turn for writes made outside a read, never one per message.
 *
 * <p>Lifecycle: NEW until {@link #open()} (AMP: the channel is active; PB: the Banana dialect is
 * selected); then OPEN. Once this side has decided to close, or the channel is gone, messages are
 * dropped, tasks fail with the protocol's "connection lost" exception ({@link Failures}) and
 * messages still arriving from the peer are ignored. {@link Protocol#closed} runs before {@link
 * #closeFuture()} completes. DETACHED: the byte stream now belongs to another protocol.
 *
 * <p>Flow control: {@link #isWritable()} (see {@link Backpressure}); messages and tasks queued by
 * other threads count towards the pending bytes until the loop writes them.
 */
public final class TransportHandler extends ChannelInboundHandlerAdapter {
  private static final Logger logger = LoggerFactory.getLogger(TransportHandler.class);

  /** What a protocol implements: the transport's calls into it, all on the event loop. */
  public interface Protocol {
    /** The connection is open: queued work runs next. May throw: the connection then closes. */
    void opened();

    /**
     * One message from the peer. May throw: the connection then closes with the error.
     *
     * @param message a decoded message (AMP: a box; PB: a Banana expression)
     * @throws Exception any error, which closes the connection with it
     */
    void received(Object message) throws Exception;

    /**
     * The connection is closed (or detached): {@code cause} is why (null for an orderly close).
     * Called once, whether or not the connection was ever opened.
     *
     * @param cause why it closed, or null for an orderly close
     */
    void closed(Throwable cause);

    /**
     * A user event the transport does not handle itself (PB: the dialect was selected).
     *
     * @param evt the user event, as Netty's {@code userEventTriggered} gives it
     */
    default void event(Object evt) {}

    /**
     * Whether this side waits for answers from the peer (the mutual-call deadlock guard).
     *
     * @return true if calls of this side wait for answers (reading then goes on longer)
     */
    default boolean awaitingAnswers() {
      return false;
    }

    /**
     * The channel became writable again, or {@link #wakeProducers()} asked: producers (PB's
     * pagers) may write more. May throw: the connection then closes.
     */
    default void writable() {}

    /**
     * Writes a message on the event loop while the connection is open: the protocol's write gate
     * (AMP holds messages during a StartTLS, drops them once locked for a protocol switch).
     * Default: {@link TransportHandler#writeNow}.
     *
     * @param transport the connection's handler, to write through with {@link
     *     TransportHandler#writeNow}
     * @param message the message to write, as the protocol's encoder takes it
     */
    default void write(TransportHandler transport, Object message) {
      transport.writeNow(message);
    }
  }

  /** Work handed to the event loop. */
  public interface LoopTask {
    /** Runs on the event loop while the connection is open. */
    void run();

    /**
     * The task will never run: the connection is gone, its loop refused the task, or {@link #run}
     * threw {@code cause}. May be called on any thread. Default: nothing.
     *
     * @param cause why the task will not run; not null
     */
    default void fail(Throwable cause) {}

    /**
     * The bytes this task will write, counted as pending while it waits in the queue (so a thread
     * that queues calls faster than the loop writes them meets the high-water mark). Default 0.
     *
     * @return the bytes to count, 0 or more
     */
    default int queuedBytes() {
      return 0;
    }
  }

  /** How each protocol names its failures (its own exception root). */
  public interface Failures {
    /**
     * The connection is gone or going: {@code cause} is why, or null.
     *
     * @param message what happened, for the exception's message
     * @param cause why, or null
     * @return the protocol's "connection lost" exception, not thrown
     */
    RuntimeException lost(String message, Throwable cause);

    /**
     * What an error from the pipeline (a decoder's, say) means to the protocol. Default: itself.
     *
     * @param cause the error from the pipeline
     * @return the error to close the connection with
     */
    default Throwable pipelineError(Throwable cause) {
      return cause;
    }
  }

  private enum State {
    /** Not open yet: messages and tasks are held. */
    NEW,
    OPEN,
    /** This side has closed or decided to close; the channel is not inactive yet. */
    CLOSING,
    CLOSED,
    /** The byte stream now belongs to another protocol (a protocol switch). */
    DETACHED
  }

  private final Failures failures;
  private final boolean openOnActive;
  private final AtomicBoolean awaitingDeadLoop = new AtomicBoolean();
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
  private final Runnable drainTask = this::drain;
  private final Runnable flushTask = this::scheduledFlush;
  private final Runnable wakeTask = this::scheduledWake;
  private final Backpressure backpressure =
      new Backpressure(this::updateBackpressure, this::resumeReading);
  private final WriteQueue inbox;

  private Protocol protocol;
  private volatile Channel channel;
  private volatile boolean open = true;
  private ChannelHandlerContext ctx;
  // Event-loop confined from here on.
  private State state = State.NEW;
  private boolean closedCalled;
  private boolean reading;
  private boolean draining;
  private boolean flushPending;
  private boolean flushScheduled;
  private boolean wakeScheduled;
  private boolean waking;
  private boolean flushWatch;
  private boolean fatalLogged;
  private Throwable closeCause;
  private RuntimeException locked;
  private long readyTimeoutNanos;

  /**
   * @param failures the protocol's exceptions
   * @param messageBytes the bytes a message queued by another thread will take (its encoded size,
   *     or an estimate), counted as pending while it waits
   * @param openOnActive whether the connection opens when the channel becomes active (AMP) or when
   *     the protocol calls {@link #open()} (PB, after its handshake)
   */
  public TransportHandler(Failures failures, ToIntFunction<Object> messageBytes, boolean openOnActive) {
    this.failures = failures;
    this.inbox = new WriteQueue(backpressure, messageBytes);
    this.openOnActive = openOnActive;
  }

  /**
   * Closes the connection if it is not open within {@code timeout} of becoming active (PB: the
   * Banana dialect handshake; zero: no limit). Before the channel is active.
   *
   * @param timeout the limit, zero for none; not null
   */
  public void readyTimeout(Duration timeout) {
    this.readyTimeoutNanos = timeout.toNanos();
  }

  /** The channel (with its addresses), for log lines. */
  @Override
  public String toString() {
    Channel ch = channel;
    return ch == null ? "connection (not attached)" : ch.toString();
  }

  /**
   * Sets the protocol; must be called before the handler is added to a pipeline.
   *
   * @param protocol the protocol this handler serves; not null
   */
  public void attach(Protocol protocol) {
    this.protocol = protocol;
  }

  /**
   * Completes on the event loop once the connection is open; fails if it closes first.
   *
   * @return the future of the connection's opening, the same on every call
   */
  public CompletableFuture<Void> ready() {
    return ready;
  }

  /**
   * Completes when the channel is closed and the protocol has been told: normally, or
   * exceptionally with the error that made this side close (a protocol error from the peer, a fatal
   * handler error, an I/O error).
   *
   * @return the future of the connection's close, the same on every call
   */
  public CompletableFuture<Void> closeFuture() {
    return closeFuture;
  }

  /**
   * The channel, once the handler is added.
   *
   * @return the channel, or null before the handler is added
   */
  public Channel channel() {
    return channel;
  }

  /**
   * True until this side closes or the channel is gone. Thread-safe.
   *
   * @return true while this side has not closed and the channel is not gone
   */
  public boolean isOpen() {
    return open;
  }

  /**
   * What {@code isOpen()} of an AMP or PB connection says: true once the channel is active, until
   * the connection closes or starts closing (either side's close, an error, a limit) or hands its
   * channel to another protocol. Thread-safe.
   *
   * @return true while the connection is active and not closing
   */
  public boolean isConnectionOpen() {
    Channel ch = channel;
    return open && ch != null && ch.isActive();
  }

  /**
   * True once opened, until closing. Event loop.
   *
   * @return true while the connection is open
   */
  public boolean isReady() {
    return state == State.OPEN;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.channel = ctx.channel();
    backpressure.attach(ctx.channel());
    if (openOnActive && ctx.channel().isActive()) {
      // Added to a channel that is already active: channelActive will not come.
      open();
    }
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    if (openOnActive) {
      open();
    } else if (readyTimeoutNanos > 0 && state == State.NEW) {
      ctx.executor().schedule(this::readyTimedOut, readyTimeoutNanos, TimeUnit.NANOSECONDS);
    }
    ctx.fireChannelActive();
  }

  private void readyTimedOut() {
    if (state == State.NEW) {
      logger.debug("{}: not ready within {} ms; closing", channel, TimeUnit.NANOSECONDS.toMillis(readyTimeoutNanos));
      close0(failures.lost("handshake timeout: the connection was not ready within "
          + TimeUnit.NANOSECONDS.toMillis(readyTimeoutNanos) + " ms", null));
    }
  }

  /** Opens the connection: the protocol is told, then held messages and tasks run. Event loop. */
  public void open() {
    if (state != State.NEW) {
      return;
    }
    state = State.OPEN;
    try {
      protocol.opened();
    } catch (RuntimeException e) {
      close0(e);
      return;
    }
    drain();
    ready.complete(null);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    protocol.event(evt);
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (state != State.OPEN) {
      // This side is closing: like Twisted after loseConnection, ignore what is still arriving.
      return;
    }
    reading = true;
    try {
      protocol.received(msg);
    } catch (Throwable t) {
      close0(t);
      rethrowIfFatal(t);
    }
  }

  /**
   * A {@link VirtualMachineError} (out of memory, stack overflow) while serving this connection:
   * the connection is closed (by the caller), the error logged once at ERROR and rethrown, so that
   * Netty's own handling sees it and the event loop goes on serving the other connections. It is
   * never sent to the peer.
   */
  private void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError e) {
      if (!fatalLogged) {
        fatalLogged = true;
        logger.error("{}: {} while serving this connection; closed it", channel, e.toString(), e);
      }
      throw e;
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
    if (state == State.OPEN && ctx.channel().isWritable()) {
      wake();
    }
    updateBackpressure();
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof DecoderException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    close0(failures.pipelineError(cause));
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
    if (backpressure.hasWaiters()) {
      backpressure.closed(lost());
    }
    try {
      tellClosed(cause);
    } finally {
      drain();
      if (!ready.isDone()) {
        ready.completeExceptionally(failures.lost("connection closed before it was ready", cause));
      }
      if (cause == null) {
        closeFuture.complete(null);
      } else {
        closeFuture.completeExceptionally(cause);
      }
    }
  }

  private void tellClosed(Throwable cause) {
    if (!closedCalled) {
      closedCalled = true;
      protocol.closed(cause);
    }
  }

  // ---- Locking and detaching (protocol switches) ----------------------------------------------

  /**
   * Refuses traffic from now on: messages are dropped and tasks fail with {@code why} (AMP's
   * {@code _lockForSwitch}). Event loop.
   *
   * @param why the exception tasks fail with, and the reason messages are dropped; not null
   */
  public void lock(RuntimeException why) {
    locked = why;
  }

  /** Allows traffic again (after a refused switch). Event loop. */
  public void unlock() {
    locked = null;
  }

  /**
   * The channel's bytes now belong to another protocol and this handler is leaving the pipeline:
   * the protocol is told it is closed with {@code reason}, later messages are dropped and tasks
   * fail with {@code reason}, and {@link #closeFuture()} completes normally when the channel
   * closes. Event loop.
   *
   * @param reason why the protocol leaves, such as the protocol switch; not null
   */
  public void detach(RuntimeException reason) {
    if (state != State.OPEN) {
      return;
    }
    state = State.DETACHED;
    open = false;
    closeCause = reason;
    locked = reason;
    flushPending = false;
    try {
      tellClosed(reason);
    } finally {
      drain();
      channel.closeFuture().addListener(f -> closeFuture.complete(null));
    }
  }

  // ---- Flow control ----------------------------------------------------------------------------

  /**
   * True while the connection takes more without passing its write high-water mark (Netty's
   * outbound buffer, with its hysteresis, plus what other threads queued). False once closed.
   * Thread-safe.
   *
   * @return true if this side may write more now
   */
  public boolean isWritable() {
    return backpressure.isWritable();
  }

  /**
   * The channel's own writability, and open: pagers write only then. Event loop.
   *
   * @return true while open and Netty's channel is writable
   */
  public boolean channelWritable() {
    return state == State.OPEN && channel.isWritable();
  }

  /**
   * Completes when {@link #isWritable()} (at once if it is now), or fails with the protocol's
   * "connection lost" if the connection closes first. Thread-safe.
   *
   * @return a future that completes when writable, or exceptionally with the protocol's "connection
   *     lost"
   */
  public CompletableFuture<Void> whenWritable() {
    return backpressure.whenWritable(this::lost);
  }

  /**
   * Bytes waiting to be written: Netty's outbound buffer plus this handler's queue. Thread-safe.
   *
   * @return the pending bytes, 0 or more
   */
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
    backpressure.update(protocol.awaitingAnswers());
  }

  /**
   * Event loop, in a task of its own: resumes reading. The messages held while paused arrive
   * during it with no {@code channelReadComplete} after them, so their answers are flushed here.
   */
  private void resumeReading() {
    if (state != State.CLOSED && state != State.CLOSING && backpressure.resume(protocol.awaitingAnswers())) {
      reading = false;
      if (flushPending) {
        flushNow();
      }
    }
  }

  /** Runs {@link Protocol#writable()} in a task of its own, at most one pending. Event loop. */
  public void wakeProducers() {
    if (wakeScheduled || state != State.OPEN) {
      return;
    }
    wakeScheduled = true;
    try {
      channel.eventLoop().execute(wakeTask);
    } catch (RejectedExecutionException e) {
      wakeScheduled = false; // the loop is shutting down; the channel and its producers with it
    }
  }

  /**
   * Runs {@link Protocol#writable()} once everything written so far has left for the socket (an
   * empty write whose promise completes then), at most one pending: a pacing finer than the
   * channel's write marks. Event loop.
   */
  public void wakeProducersWhenFlushed() {
    if (flushWatch || state != State.OPEN) {
      return;
    }
    flushWatch = true;
    ChannelPromise p = ctx.newPromise();
    p.addListener(f -> {
      flushWatch = false;
      wakeProducers();
    });
    ctx.write(Unpooled.EMPTY_BUFFER, p);
    flushLater();
  }

  private void scheduledWake() {
    wakeScheduled = false;
    if (state == State.OPEN) {
      wake();
    }
  }

  /**
   * Lets the producers write while the channel is writable, then flushes. If the channel becomes
   * writable again during that flush (the socket took everything), the next round runs in a task
   * of its own: no recursion, and other channels of the loop get their turn.
   */
  private void wake() {
    if (waking) {
      wakeProducers();
      return;
    }
    waking = true;
    try {
      protocol.writable();
      if (flushPending && !reading && !draining) {
        flushNow();
      }
    } catch (Throwable t) {
      close0(t);
    } finally {
      waking = false;
    }
  }

  // ---- Writing and running ----------------------------------------------------------------------

  /**
   * Sends {@code message} through the protocol's write gate. Thread-safe. Messages sent before
   * the connection is open are held; messages sent once it is closing are dropped.
   *
   * @param message the message, as the protocol's encoder takes it; not null
   */
  public void write(Object message) {
    Channel ch = channel;
    if (ch == null || !ch.eventLoop().inEventLoop() || state == State.NEW) {
      enqueue(message);
      return;
    }
    if (state != State.OPEN) {
      logger.debug("dropping a message sent on closed {}", ch);
      return;
    }
    if (!draining && !inbox.isEmpty()) {
      drain(); // keep the order of messages queued earlier by other threads
    }
    gate(message);
  }

  /**
   * Writes {@code message} to the pipeline now and arranges one flush for the batch; dropped once
   * the connection is not open or is locked. Event loop.
   *
   * @param message the message, as the protocol's encoder takes it; not null
   */
  public void writeNow(Object message) {
    if (state != State.OPEN) {
      logger.debug("dropping a message sent on {} while {}", channel, state);
      return;
    }
    if (locked != null) {
      logger.debug("dropping a message sent on {}: {}", channel, locked.getMessage());
      return;
    }
    ctx.write(message, ctx.voidPromise());
    flushLater();
  }

  /**
   * Arranges one flush for what was just written: at the end of the read or drain under way, else
   * in a task of its own (so a batch of writes from one task goes out in one flush). Event loop.
   */
  private void flushLater() {
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

  private void gate(Object message) {
    if (locked != null) {
      logger.debug("dropping a message sent on {}: {}", channel, locked.getMessage());
      return;
    }
    protocol.write(this, message);
  }

  /**
   * Runs {@code task} on the event loop: at once if called there while the connection is open,
   * else queued in order with messages. Thread-safe. If the connection is closing or gone, the
   * task fails instead.
   *
   * @param task the work; not null
   */
  public void execute(LoopTask task) {
    Channel ch = channel;
    if (ch == null || !ch.eventLoop().inEventLoop() || state == State.NEW) {
      enqueue(task);
      return;
    }
    if (state != State.OPEN) {
      task.fail(lost());
      return;
    }
    if (!draining && !inbox.isEmpty()) {
      drain();
    }
    run(task);
  }

  /**
   * Closes the channel after writing and flushing what was queued before; {@code cause} is why
   * (null: an orderly close). Thread-safe; the close itself happens on the event loop.
   *
   * @param cause why this side closes, or null for an orderly close
   */
  public void close(Throwable cause) {
    Channel ch = channel;
    if (ch == null) {
      return;
    }
    EventLoop loop = ch.eventLoop();
    if (loop.inEventLoop()) {
      close0(cause);
      return;
    }
    try {
      loop.execute(() -> close0(cause));
    } catch (RejectedExecutionException e) {
      // The loop is shutting down and runs nothing more from us.
      closeWhenLoopTerminates(loop, cause);
    }
  }

  /**
   * Closes the connection with the protocol's "connection lost" saying {@code message}.
   * Thread-safe.
   *
   * @param message what happened, for the exception's message
   */
  public void closeLost(String message) {
    close(failures.lost(message, null));
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

  private void close0(Throwable cause) {
    if (state == State.DETACHED) {
      channel.close();
      return;
    }
    open = false;
    if (cause != null && closeCause == null && state != State.CLOSED) {
      closeCause = cause;
      logger.debug("closing {}: {}", channel, cause.toString());
    }
    if (state == State.OPEN && !draining) {
      // What other threads queued before this point goes out first (a fatal error box, say).
      drain();
    }
    if (state == State.OPEN || state == State.NEW) {
      state = State.CLOSING;
    }
    flushNow();
    ctx.close();
  }

  private void run(LoopTask task) {
    if (locked != null) {
      task.fail(locked);
      return;
    }
    try {
      task.run();
    } catch (VirtualMachineError e) {
      close0(e);
      task.fail(e);
      rethrowIfFatal(e);
    } catch (Throwable t) {
      // The task's caller is told through fail(); nothing else is wrong with the connection.
      logger.debug("{}: a loop task failed", channel, t);
      task.fail(t);
    }
  }

  private void enqueue(Object item) {
    if (!inbox.offer(item)) {
      return; // a drain is scheduled and has not started: it will see the item
    }
    Channel ch = channel;
    if (ch == null) {
      inbox.drainNotScheduled(); // not attached yet: handlerAdded and opening drain
      return;
    }
    try {
      ch.eventLoop().execute(drainTask);
    } catch (RejectedExecutionException e) {
      // The loop is shut down and will run nothing more: this thread fails the queued tasks.
      RuntimeException lost = failures.lost("event loop is shut down", e);
      closeWhenLoopTerminates(ch.eventLoop(), lost);
      inbox.failAll(lost);
    }
  }

  /** Runs on the event loop: writes queued messages and runs queued tasks, in order, then flushes. */
  private void drain() {
    inbox.drainStarted();
    if (state == State.NEW) {
      return; // held until opened
    }
    boolean outer = !draining;
    draining = true;
    try {
      Object item;
      while ((item = inbox.poll()) != null) {
        if (item instanceof LoopTask task) {
          if (state == State.OPEN) {
            run(task);
          } else {
            task.fail(lost());
          }
        } else if (state == State.OPEN) {
          gate(item);
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

  /**
   * The protocol's "connection lost" for now: the detach reason once detached.
   *
   * @return a new exception to fail calls with, or the detach reason once detached
   */
  public RuntimeException lost() {
    if (state == State.DETACHED && locked != null) {
      return locked; // the protocol switch itself, whenever the call comes
    }
    return failures.lost(
        closeCause == null ? "connection closed" : "connection closed: " + closeCause, closeCause);
  }

  private void scheduledFlush() {
    flushScheduled = false;
    if (flushPending) {
      flushNow();
    }
  }

  /** Flushes what was written (not once detached). Event loop. */
  public void flushNow() {
    flushScheduled = false;
    flushPending = false;
    if (ctx != null && state != State.DETACHED) {
      ctx.flush();
    }
  }
}
