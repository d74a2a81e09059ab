package dev.spindle.pb.broker;

import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaDialectSelected;
import dev.spindle.pb.banana.BananaEncoder;
import dev.spindle.pb.banana.BananaException;
import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.transport.internal.TransportHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins a channel's {@link TransportHandler} (after {@code BananaCodec}) to a {@link Broker} and
 * is its {@link Broker.Transport}: PB's side of the shared transport.
 *
 * <p>The connection opens when the Banana dialect is selected: the broker sends its {@code
 * ["version", 6]}, queued tasks run and {@link #ready()} completes. Once this side closes, or the
 * channel is gone, tasks fail with a {@link PbConnectionLostException}, writes are dropped and
 * messages still arriving are ignored. {@link Broker#connectionLost} runs before {@link
 * #closeFuture()} completes. Ordering, batching and backpressure: see {@link TransportHandler}.
 *
 * <p>Flow control for pagers: {@link #isWritable()} is the channel's, and the broker's {@link
 * Broker#resumeProducing} runs on a later loop turn when asked ({@link #resumeProducingLater})
 * and whenever the channel becomes writable again.
 */
public final class BrokerTransport implements TransportHandler.Protocol, Broker.Transport {
  private static final Logger logger = LoggerFactory.getLogger(BrokerTransport.class);

  private static final TransportHandler.Failures FAILURES =
      new TransportHandler.Failures() {
        @Override
        public RuntimeException lost(String message, Throwable cause) {
          return new PbConnectionLostException(message, cause);
        }

        @Override
        public Throwable pipelineError(Throwable cause) {
          return cause instanceof BananaException
              ? new PbProtocolException("Banana: " + cause.getMessage(), cause)
              : cause;
        }
      };

  private final BananaLimits limits;
  private final int pagerWriteMark;
  private final TransportHandler transport = new TransportHandler(FAILURES, message -> 0, false);
  private Broker broker;
  // Event-loop confined.
  private BananaDialect dialect;

  /** Creates the transport; {@code limits} are the Banana limits its messages are encoded with. */
  public BrokerTransport(BananaLimits limits) {
    this(limits, 0);
  }

  /**
   * Creates the transport; pagers stop producing once {@code pagerWriteMark} bytes wait to be
   * written (0: only the channel's write marks pace them).
   */
  public BrokerTransport(BananaLimits limits, int pagerWriteMark) {
    this.limits = limits;
    this.pagerWriteMark = pagerWriteMark;
    transport.attach(this);
  }

  /** Sets the broker; must be called before the handler is added to a pipeline. */
  public void setBroker(Broker broker) {
    this.broker = broker;
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
  public void event(Object evt) {
    if (evt instanceof BananaDialectSelected selected && dialect == null) {
      dialect = selected.dialect();
      logger.debug("{} pb: ready ({} dialect)", transport.channel(), dialect.wireName());
      transport.open();
    }
  }

  @Override
  public void opened() {
    broker.connectionReady();
  }

  @Override
  public void received(Object message) {
    broker.received((Sexp) message);
  }

  @Override
  public void closed(Throwable cause) {
    logger.debug("{} pb: closed{}", transport.channel(), cause == null ? "" : ": " + cause);
    broker.connectionLost(cause);
  }

  @Override
  public boolean awaitingAnswers() {
    return broker.pendingCallCount() > 0;
  }

  @Override
  public void writable() {
    broker.resumeProducing();
  }

  // ---- Broker.Transport ------------------------------------------------------------------------

  /**
   * Encodes and writes {@code message} on the event loop; dropped once the connection is closing.
   *
   * @throws dev.spindle.pb.banana.BananaEncodingException if it cannot be encoded; nothing written
   */
  @Override
  public void send(Sexp message) {
    Channel ch = transport.channel();
    assert ch.eventLoop().inEventLoop();
    if (!transport.isReady()) {
      logger.debug("{} pb: dropping a message sent while not open", ch);
      return;
    }
    if (logger.isTraceEnabled()) {
      logger.trace("{} pb: send {}", ch, message);
    }
    ByteBuf buf = BananaEncoder.encode(message, dialect, limits, ch.alloc());
    transport.writeNow(buf);
  }

  /** See {@link TransportHandler#execute}. Thread-safe. */
  @Override
  public void execute(Broker.Task task) {
    transport.execute(task);
  }

  /**
   * Whether pagers may write: the channel is writable and fewer than the pager mark's bytes wait
   * to be written. Past the mark, the pagers are woken once what is queued now has been written.
   * False once the connection is closing. Event-loop confined.
   */
  @Override
  public boolean isWritable() {
    if (!transport.channelWritable()) {
      return false;
    }
    if (pagerWriteMark > 0 && transport.pendingWriteBytes() >= pagerWriteMark) {
      transport.wakeProducersWhenFlushed();
      return false;
    }
    return true;
  }

  /** Bytes waiting to be written. Thread-safe. */
  public long pendingWriteBytes() {
    return transport.pendingWriteBytes();
  }

  /** Runs {@link Broker#resumeProducing} in a task of its own, at most one pending. Event loop. */
  @Override
  public void resumeProducingLater() {
    transport.wakeProducers();
  }

  /** Closes the connection: orderly if {@code cause} is null. Thread-safe. */
  @Override
  public void close(Throwable cause) {
    transport.close(cause);
  }
}
