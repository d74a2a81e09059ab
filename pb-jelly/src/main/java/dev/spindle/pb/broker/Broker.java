package dev.spindle.pb.broker;

import dev.spindle.pb.banana.BananaEncodingException;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.exceptions.PbTooManyCallsException;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.transport.internal.TransportHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * One connection's Perspective Broker state machine: the tables of exported objects, caches the
 * peer holds and caches held from the peer; the pending calls; and the handling of every PB
 * message. Twisted equivalent: {@code pb.Broker}, without Banana (it reads and writes {@link
 * Sexp}s through a {@link Transport}) and without {@code getattr} per message (method tables are
 * built once per class).
 *
 * <p>Event-loop confined: every method must be called on the connection's event loop (the {@link
 * Transport} runs tasks there). It is the {@link Jellier#invoker()} of every message it serializes
 * and unserializes, which is how flavors and the PB unjelly handlers reach it.
 *
 * <p>Protocol errors from the peer (see {@link #received}) throw {@link PbProtocolException}; the
 * transport then closes the connection and calls {@link #connectionLost}.
 *
 * <p>Limits on calls: at most {@link BrokerConfig#maxOutstandingCalls()} of this side's calls wait
 * for answers (one more fails with {@link PbTooManyCallsException}, nothing sent); at most {@link
 * BrokerConfig#maxPeerOutstandingCalls()} of the peer's calls wait for this side's answer (one more
 * is not run: it is answered with {@code pb.Error}, the connection staying open, as Twisted answers
 * a call to an unknown object). A call this side gave up on ({@link #abandon}) is forgotten; its
 * answer, if it comes, is unserialized only to release the references it carries.
 */
public final class Broker extends BrokerDispatch {

  /** How the broker reaches its connection. Implemented by the channel handler. */
  public interface Transport {
    /**
     * Writes one message (flushed with the batch).
     *
     * @throws BananaEncodingException if it cannot be encoded; nothing was written
     */
    void send(Sexp message);

    /** Closes the connection because of {@code cause} (null: an orderly close). */
    void close(Throwable cause);

    /**
     * Runs {@code task} on the event loop: at once if called there while the connection is ready,
     * else queued in order; {@link Task#fail} if the connection is gone. Thread-safe.
     */
    void execute(Task task);

    /**
     * Returns true while the channel takes more writes without passing its high water mark
     * (Netty's {@code Channel.isWritable()}): page producers send only then.
     */
    boolean isWritable();

    /**
     * Calls {@link Broker#resumeProducing} on a later turn of the event loop, after what this
     * turn writes; the transport also calls it each time the channel becomes writable again.
     * Twisted: the transport asking its registered pull producer for more.
     */
    void resumeProducingLater();
  }

  /**
   * A source of pages that the broker asks for one page at a time, only while the transport is
   * writable: Twisted's pager as its broker drives it ({@code registerPageProducer}, then {@code
   * sendNextPage} and {@code stillPaging} from {@code resumeProducing}). Called on the event loop.
   */
  public interface PageProducer {
    /**
     * Sends the next page, or the end of paging. Returns true if there is more to send, false
     * once the producer is done (it is then forgotten). Must not throw.
     */
    boolean sendNextPage();

    /** The producer will not be asked again: the connection is lost (Twisted: {@code stopProducing}). */
    void stopProducing(Throwable cause);
  }

  /** Work for the event loop (see {@link TransportHandler.LoopTask}). */
  @FunctionalInterface
  public interface Task extends TransportHandler.LoopTask {}

  /** The caller's side of a call waiting for its answer. Completed on the event loop. */
  public interface PendingCall {
    /** The answer, unjellied. */
    void answered(Object result);

    /** The error reply, the unjelly error of the answer, or the connection's loss. */
    void failed(Throwable failure);
  }


  /**
   * Creates the broker of one connection.
   *
   * @param references makes the objects this connection receives for {@code ["remote", luid]}
   *     (the layer above's {@code RemoteReference}, bound to its connection)
   */
  public Broker(BrokerConfig config, Transport transport, ReferenceFactory references) {
    super(config, transport, references);
  }

  /** The factory of received references given to the constructor. */
  ReferenceFactory references() {
    return references;
  }

  /** The configuration. */
  public BrokerConfig config() {
    return config;
  }

  /** Returns true once the connection is lost. */
  public boolean isDisconnected() {
    return disconnected;
  }

  /** The number of exported objects, named ones ({@code root}) included. For diagnostics. */
  public int exportedCount() {
    return names.size() + localObjects.size();
  }

  /** The number of this side's Cacheables the peer holds copies of. For diagnostics. */
  public int remotelyCachedCount() {
    return remotelyCachedObjects.size();
  }

  /** The number of calls waiting for their answer. For diagnostics. */
  public int pendingCallCount() {
    return waitingForAnswers.size();
  }

  /** The number of the peer's calls this side has not answered yet. For diagnostics. */
  public int answersOwed() {
    return answersOwed;
  }

  /** The request id of the last call sent (0 before any): the one {@code sendMessage} just used. */
  public long lastRequestId() {
    return currentRequestId;
  }

  /**
   * Forgets the call waiting under {@code requestId} if it is still {@code call} (it timed out or
   * was cancelled). Its answer, if it comes, is dropped after releasing the references in it.
   * Returns false if the call is no longer pending.
   */
  public boolean abandon(long requestId, PendingCall call) {
    if (call == null || waitingForAnswers.get(requestId) != call) {
      return false;
    }
    waitingForAnswers.remove(requestId);
    abandoned++;
    return true;
  }

  /** Runs {@code task} on this broker's event loop (see {@link Transport#execute}). Thread-safe. */
  public void execute(Task task) {
    transport.execute(task);
  }

  // ---- lifecycle ----------------------------------------------------------------------------

  /**
   * Publishes {@code object} under {@code name} (the server's {@code root}), called as {@code
   * kind}, without reference counting. Twisted: {@code setNameForLocal}.
   *
   * @throws IllegalArgumentException if the object's class cannot be called as {@code kind}
   */
  public void setNameForLocal(String name, Object object, Kind kind) {
    MethodTable.of(object.getClass()).check(kind);
    names.put(name, new Local(0, kind, object, null, object, null));
  }

  /** The Banana handshake is done: sends {@code ["version", 6]}. Twisted: {@code connectionReady}. */
  public void connectionReady() {
    transport.send(Sexp.list(Wire.VERSION, Sexp.integer(Wire.PROTOCOL_VERSION)));
  }

  /**
   * The connection is gone: fails every pending call with a {@link PbConnectionLostException}
   * caused by {@code cause}, tells every observed Cacheable it is no longer observed, runs the
   * cleanups of exported objects and the disconnect callbacks. Twisted: {@code connectionLost}.
   */
  public void connectionLost(Throwable cause) {
    if (disconnected) {
      return;
    }
    disconnected = true;
    long refusedMore = refusedCalls.takePending();
    long failedMore = failedCalls.takePending();
    long others;
    if (refusedMore + failedMore > 0 && (others = CALL_WARNINGS.acquire()) >= 0) {
      logger.warn("{}: {} more refused calls and {} more failed calls wanting no answer since the"
          + " last warning (logged at DEBUG){}", this, refusedMore, failedMore,
          SharedLogGate.droppedText(others));
    }
    String why = cause == null ? "connection lost" : "connection lost: " + cause;
    List<PendingCall> pending = new ArrayList<>(waitingForAnswers.values());
    waitingForAnswers.clear();
    for (PendingCall call : pending) {
      call.failed(new PbConnectionLostException(why, cause));
    }
    List<PageProducer> producers = new ArrayList<>(pageProducers);
    pageProducers.clear();
    for (PageProducer p : producers) {
      stopProducing(p, new PbConnectionLostException(why, cause));
    }
    List<CachedLocal> cached = new ArrayList<>(remotelyCachedObjects.values());
    remotelyCachedObjects.clear();
    remotelyCachedLuids.clear();
    for (CachedLocal c : cached) {
      stopObserving(c);
    }
    List<Local> locals = new ArrayList<>(localObjects.values());
    locals.addAll(names.values());
    localObjects.clear();
    names.clear();
    luids.clear();
    for (Local lob : locals) {
      runCleanup(lob);
    }
    for (ImportedCache ic : locallyCachedObjects.values()) {
      ic.detached = true;
    }
    locallyCachedObjects.clear();
    List<Runnable> callbacks = new ArrayList<>(disconnects);
    disconnects.clear();
    for (Runnable r : callbacks) {
      try {
        r.run();
      } catch (RuntimeException e) {
        logger.warn("disconnect callback {} failed", r, e);
      }
    }
  }

  /** Runs {@code callback} when the connection is lost; at once if it already is. */
  public void notifyOnDisconnect(Runnable callback) {
    if (disconnected) {
      callback.run();
    } else {
      disconnects.add(callback);
    }
  }

  /** Removes a callback added with {@link #notifyOnDisconnect}. */
  public void dontNotifyOnDisconnect(Runnable callback) {
    disconnects.remove(callback);
  }

  // ---- paging -------------------------------------------------------------------------------

  /**
   * Registers a pager: its first page goes out now if the transport is writable (Twisted's
   * transport asks a pull producer for data as soon as it registers), the rest from a later loop
   * turn, each only while the transport is writable. Once the connection is lost, the producer is
   * stopped at once. Twisted: {@code registerPageProducer}.
   */
  public void registerPageProducer(PageProducer producer) {
    if (disconnected) {
      stopProducing(producer, new PbConnectionLostException("connection lost", null));
      return;
    }
    if (transport.isWritable() && !sendNextPage(producer)) {
      return;
    }
    if (disconnected) {
      stopProducing(producer, new PbConnectionLostException("connection lost", null));
      return;
    }
    pageProducers.add(producer);
    transport.resumeProducingLater();
  }

  /** The number of registered pagers still sending. For diagnostics. */
  public int pageProducerCount() {
    return pageProducers.size();
  }

  /**
   * The transport can take more: asks each pager for one page in turn, newest first, while the
   * transport stays writable, and forgets the pagers that are done. Reentrant calls (a write that
   * flushes and makes the channel writable again) return at once; the outer call goes on.
   * Twisted: {@code resumeProducing}.
   */
  public void resumeProducing() {
    if (producing) {
      return;
    }
    producing = true;
    try {
      while (!pageProducers.isEmpty() && !disconnected && transport.isWritable()) {
        for (int i = pageProducers.size() - 1; i >= 0 && i < pageProducers.size() && !disconnected; i--) {
          PageProducer p = pageProducers.get(i);
          if (!sendNextPage(p)) {
            if (i < pageProducers.size() && pageProducers.get(i) == p) {
              pageProducers.remove(i);
            } else {
              pageProducers.remove(p);
            }
          }
        }
      }
    } finally {
      producing = false;
    }
  }

  private static boolean sendNextPage(PageProducer p) {
    try {
      return p.sendNextPage();
    } catch (RuntimeException e) {
      logger.warn("page producer {} failed", p, e);
      stopProducing(p, e);
      return false;
    }
  }

  private static void stopProducing(PageProducer p, Throwable cause) {
    try {
      p.stopProducing(cause);
    } catch (RuntimeException e) {
      logger.warn("stopProducing of {} failed", p, e);
    }
  }


  @Override
  public String toString() {
    return "Broker{" + localObjects.size() + " exported, " + waitingForAnswers.size()
        + " waiting for answers}";
  }
}
