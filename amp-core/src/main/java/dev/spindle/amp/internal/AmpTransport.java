package dev.spindle.amp.internal;

import dev.spindle.amp.exceptions.AmpConnectionLostException;
import dev.spindle.amp.exceptions.ProtocolSwitchedException;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.box.BoxSender;
import dev.spindle.amp.dispatch.BoxDispatcher;
import dev.spindle.transport.internal.TransportHandler;
import io.netty.channel.Channel;
import java.util.ArrayList;

/**
 * Joins a channel's {@link TransportHandler} to a {@link BoxReceiver} and is its {@link
 * BoxSender}: AMP's side of the shared transport, plus AMP's write gate for StartTLS and protocol
 * switches.
 *
 * <p>Thread-safe where noted: {@link #sendBox}, {@link #unhandledError}, {@link #execute} and
 * {@link #close} may be called from any thread (see {@link TransportHandler} for ordering,
 * batching and lifecycle). The receiver's {@code stopReceivingBoxes} runs before {@link
 * #closeFuture()} completes.
 */
public final class AmpTransport implements TransportHandler.Protocol, BoxSender {
  private static final TransportHandler.Failures FAILURES = AmpConnectionLostException::new;

  private final TransportHandler transport =
      new TransportHandler(FAILURES, box -> ((AmpBox) box).encodedLength(), true);
  private BoxReceiver receiver;
  // Event-loop confined.
  private boolean receiving;
  private ArrayList<AmpBox> held;
  private AmpBox afterWriteBox;
  private Runnable afterWriteAction;

  public AmpTransport() {
    transport.attach(this);
  }

  /** The channel (with its addresses), for log lines. */
  @Override
  public String toString() {
    Channel ch = transport.channel();
    return ch == null ? "AMP connection (not attached)" : ch.toString();
  }

  /** Per-call hooks (client-side interceptors here); null: none. Set before the channel is active. */
  private dev.spindle.transport.internal.CallHooks hooks;
  private dev.spindle.transport.ConnectionInfo info;

  /** Sets the endpoint's per-call hooks and this connection's info; before the channel is active. */
  public void hooks(dev.spindle.transport.internal.CallHooks hooks, dev.spindle.transport.ConnectionInfo info) {
    this.hooks = hooks;
    this.info = info;
  }

  /** The per-call hooks, or null. */
  public dev.spindle.transport.internal.CallHooks hooks() {
    return hooks;
  }

  /** The connection's info, or null when the endpoint observes nothing. */
  public dev.spindle.transport.ConnectionInfo connectionInfo() {
    return info;
  }

  /** Sets the receiver; must be called before the handler is added to a pipeline. */
  public void setReceiver(BoxReceiver receiver) {
    this.receiver = receiver;
  }

  /** The channel handler to add to the pipeline (last). */
  public TransportHandler handler() {
    return transport;
  }

  /** The channel, once the handler is added. */
  public Channel channel() {
    return transport.channel();
  }

  // ---- TransportHandler.Protocol ---------------------------------------------------------------

  @Override
  public void opened() {
    receiving = true;
    receiver.startReceivingBoxes(this);
  }

  @Override
  public void received(Object message) {
    receiver.ampBoxReceived((AmpBox) message);
  }

  @Override
  public void closed(Throwable cause) {
    if (!receiving) {
      return;
    }
    receiving = false;
    held = null;
    receiver.stopReceivingBoxes(
        cause instanceof AmpConnectionLostException
            ? cause
            : new AmpConnectionLostException(
                cause == null ? "connection closed" : "connection closed: " + cause, cause));
  }

  @Override
  public boolean awaitingAnswers() {
    return receiver instanceof BoxDispatcher d && d.pendingCallCount() > 0;
  }

  @Override
  public void write(TransportHandler t, Object message) {
    AmpBox box = (AmpBox) message;
    if (held != null) {
      held.add(box);
      return;
    }
    t.writeNow(box);
    if (box == afterWriteBox) {
      Runnable action = afterWriteAction;
      afterWriteBox = null;
      afterWriteAction = null;
      t.flushNow();
      action.run();
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
    if (boxes != null) {
      for (AmpBox b : boxes) {
        write(transport, b);
      }
    }
  }

  /**
   * Refuses AMP traffic from now on (Twisted's {@code _lockForSwitch}): boxes are dropped and
   * calls fail with a {@link ProtocolSwitchedException} saying {@code why}.
   */
  public void lock(String why) {
    transport.lock(new ProtocolSwitchedException(why));
  }

  /** Allows AMP traffic again (Twisted's {@code _unlockFromSwitch}, after a refused switch). */
  public void unlock() {
    transport.unlock();
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
   * The channel's bytes now belong to another protocol and the transport leaves the pipeline: the
   * receiver stops (pending calls fail with {@code reason}), later boxes are dropped and calls
   * fail, and {@link #closeFuture()} completes when the channel closes.
   */
  public void switched(ProtocolSwitchedException reason) {
    held = null;
    transport.detach(reason);
  }

  // ---- Flow control and sending ------------------------------------------------------------------

  /** Bytes waiting to be written. Thread-safe. */
  public long pendingWriteBytes() {
    return transport.pendingWriteBytes();
  }

  /**
   * Sends {@code box}. Thread-safe. Boxes sent before the channel is active are held; boxes sent
   * once the connection is closing are dropped.
   */
  @Override
  public void sendBox(AmpBox box) {
    transport.write(box);
  }

  /** Closes the connection because of {@code failure}. Thread-safe. */
  @Override
  public void unhandledError(Throwable failure) {
    transport.close(failure);
  }

}
