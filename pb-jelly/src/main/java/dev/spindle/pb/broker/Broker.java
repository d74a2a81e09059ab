package dev.spindle.pb.broker;

import dev.spindle.pb.banana.BananaEncodingException;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.DeadReferenceException;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.exceptions.PbTooManyCallsException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.flavors.Cacheable;
import dev.spindle.pb.flavors.PbError;
import dev.spindle.pb.flavors.RemoteCache;
import dev.spindle.pb.flavors.ViewPoint;
import dev.spindle.pb.flavors.internal.FlavorAccess;
import dev.spindle.pb.flavors.internal.FlavorBroker;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.PythonTypes;
import dev.spindle.pb.jelly.ValueText;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.pb.jelly.JellyRegistry;
import dev.spindle.pb.jelly.Jellyable;
import dev.spindle.pb.jelly.Tuple;
import io.netty.util.collection.LongObjectHashMap;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class Broker implements FlavorBroker {
  private static final Logger logger = LoggerFactory.getLogger(Broker.class);
  /** At most one WARN per this many seconds per connection for calls the peer can fail at will. */
  static final long LOG_INTERVAL_SECONDS = 10;

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

  /** Work for the event loop. */
  @FunctionalInterface
  public interface Task {
    /** Runs on the event loop. */
    void run();

    /** The task will never run: the connection is gone. Any thread. Default: nothing. */
    default void fail(Throwable cause) {}

    /**
     * About how many bytes this task will write, counted as pending while it waits in the
     * transport's queue (so a thread that queues calls faster than the loop writes them meets the
     * high-water mark). Default 0.
     */
    default int queuedBytes() {
      return 0;
    }
  }

  /** The caller's side of a call waiting for its answer. Completed on the event loop. */
  public interface PendingCall {
    /** The answer, unjellied. */
    void answered(Object result);

    /** The error reply, the unjelly error of the answer, or the connection's loss. */
    void failed(Throwable failure);
  }

  private final BrokerConfig config;
  private final JellyRegistry registry;
  private final Transport transport;
  private final ReferenceFactory references;

  /** Exported objects by name ({@code root}) and by luid, and by identity to count them again. */
  private final HashMap<String, Local> names = new HashMap<>();
  private final LongObjectHashMap<Local> localObjects = new LongObjectHashMap<>();
  private final HashMap<IdentityKey, Local> luids = new HashMap<>();
  private long currentLocalId;
  private long currentRequestId;
  private final LongObjectHashMap<PendingCall> waitingForAnswers = new LongObjectHashMap<>();
  /** Calls given up on whose answer has not come: that many unknown answers are dropped. */
  private long abandoned;
  /** The peer's calls whose asynchronous result has not been answered yet. */
  private int answersOwed;
  /** This side's Cacheables that the peer holds copies of. */
  private final LongObjectHashMap<CachedLocal> remotelyCachedObjects = new LongObjectHashMap<>();
  private final IdentityHashMap<Cacheable, CachedLocal> remotelyCachedLuids = new IdentityHashMap<>();
  /** The peer's Cacheables that this side holds copies of. */
  private final LongObjectHashMap<ImportedCache> locallyCachedObjects = new LongObjectHashMap<>();
  private final ArrayList<Runnable> disconnects = new ArrayList<>();
  /** Registered pagers, asked in turn (newest first, as Twisted) while the transport is writable. */
  private final ArrayList<PageProducer> pageProducers = new ArrayList<>(2);
  private boolean producing;
  private int maxBrokerRefsViolations;
  private PbProtocolException goodbye;
  private boolean disconnected;
  private long failureCount;
  /** WARN lines for calls refused on the peer's input, and for failed calls wanting no answer. */
  private final LogRateLimiter refusedCalls = new LogRateLimiter(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);
  private final LogRateLimiter failedCalls = new LogRateLimiter(LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);
  /** Behind both: at most 10 such WARN lines per interval across all connections. */
  private static final SharedLogGate CALL_WARNINGS =
      new SharedLogGate(10, LOG_INTERVAL_SECONDS, TimeUnit.SECONDS);

  /** The message being serialized or unserialized (saved and restored around nested ones). */
  private Outgoing outgoing;
  private Incoming incoming;

  /**
   * Creates the broker of one connection.
   *
   * @param references makes the objects this connection receives for {@code ["remote", luid]}
   *     (the layer above's {@code RemoteReference}, bound to its connection)
   */
  public Broker(BrokerConfig config, Transport transport, ReferenceFactory references) {
    this.config = config;
    this.registry = config.registry();
    this.transport = transport;
    this.references = Objects.requireNonNull(references, "references");
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

  // ---- receiving ----------------------------------------------------------------------------

  /**
   * Handles one top-level expression from the peer.
   *
   * @throws PbProtocolException if the peer broke the protocol; the connection must be closed
   */
  public void received(Sexp sexp) {
    try {
      dispatch(sexp);
    } finally {
      closeIfGoodbye();
    }
  }

  private void dispatch(Sexp sexp) {
    if (!(sexp instanceof Sexp.SList l)) {
      throw new PbProtocolException("Non-list expression received.");
    }
    if (l.size() == 0 || !(l.get(0) instanceof Sexp.Bytes head)) {
      throw new PbProtocolException("message kind: " + (l.size() == 0 ? "an empty list" : show(l.get(0)))
          + " (expected: a list headed by a byte string)");
    }
    String kind = head.asLatin1();
    switch (kind) {
      case "version":
        arity(l, kind, 1);
        Sexp v = l.get(1);
        if (!(v instanceof Sexp.Int i) || i.value() != Wire.PROTOCOL_VERSION) {
          throw new PbProtocolException("Version Incompatibility: " + Wire.PROTOCOL_VERSION + " " + show(v));
        }
        return;
      case "message":
        arity(l, kind, 6);
        receiveCall(l, false);
        return;
      case "cachemessage":
        arity(l, kind, 6);
        receiveCall(l, true);
        return;
      case "answer":
        arity(l, kind, 2);
        receiveAnswer(l);
        return;
      case "error":
        arity(l, kind, 2);
        receiveError(l);
        return;
      case "decref":
        arity(l, kind, 1);
        receiveDecref(l.get(1));
        return;
      case "decache":
        arity(l, kind, 1);
        receiveDecache(l.get(1));
        return;
      case "uncache":
        arity(l, kind, 1);
        receiveUncache(l.get(1));
        return;
      case "didNotUnderstand":
        arity(l, kind, 1);
        logger.debug("peer did not understand {}", show(l.get(1)));
        return;
      default:
        // Twisted answers ["didNotUnderstand", kind] with kind as a str, which Banana refuses:
        // nothing is sent and the connection drops.
        throw new PbProtocolException("unknown message kind " + show(head)
            + " (Twisted fails to answer didNotUnderstand and drops the connection)");
    }
  }

  private static void arity(Sexp.SList l, String kind, int fields) {
    if (l.size() - 1 != fields) {
      throw new PbProtocolException(kind + ": " + (l.size() - 1) + " fields (expected: " + fields
          + "; Twisted: TypeError)");
    }
  }

  private void receiveCall(Sexp.SList l, boolean cache) {
    Sexp requestId = l.get(1);
    Sexp objectId = l.get(2);
    String method = methodName(l.get(3));
    boolean answerRequired = truthy(l.get(4));
    Object target;
    Object perspective;
    Kind kind;
    RemoteMethod m;
    Object[] bound;
    Object result;
    Incoming in = new Incoming();
    try {
      if (cache) {
        ImportedCache ic = objectId instanceof Sexp.Int i ? locallyCachedObjects.get(i.value()) : null;
        if (ic == null) {
          throw TwistedException.keyError(show(objectId));
        }
        target = ic.cache;
        perspective = null;
        kind = Kind.OBSERVE;
      } else {
        Local lob = localFor(objectId);
        if (lob == null) {
          throw new PbError("Invalid Object ID");
        }
        target = lob.target;
        perspective = lob.perspective;
        kind = lob.kind;
      }
      boolean handedOver = false;
      try {
        // Arguments first, as Twisted's remoteMessageReceived: references in a call to an unknown
        // method are made, then given back (Python's GC sends their decrefs).
        Object args = in.unjelly(l.get(5), perspective);
        Object kw = in.unjelly(l.get(6), perspective);
        m = MethodTable.of(target.getClass()).find(kind, method);
        if (m == null) {
          throw TwistedException.noSuchMethod(kind.prefix() + method);
        }
        bound = m.bind(perspective, arguments(args), keywords(kw));
        if (answerRequired && answersOwed >= config.maxPeerOutstandingCalls()) {
          throw new PbError("Too many outstanding calls: " + answersOwed + " (expected: fewer than "
              + config.maxPeerOutstandingCalls() + ")");
        }
        handedOver = true;
      } finally {
        if (!handedOver) {
          in.rollback(); // the method never saw the references: give them back, as Python's GC would
        }
      }
    } catch (Throwable t) {
      failed(requestId, answerRequired, method, t, true);
      return;
    }
    try {
      result = m.call(target, bound);
    } catch (Throwable t) {
      failed(requestId, answerRequired, method, t, false);
      return;
    }
    if (!answerRequired) {
      if (result instanceof CompletionStage<?> stage) {
        stage.whenComplete((v, e) -> {
          if (e != null) {
            transport.execute(new Task() {
              @Override
              public void run() {
                failed(requestId, false, method, unwrap(e), false);
              }

              @Override
              public void fail(Throwable cause) {
                logger.debug("remote method {} (no answer wanted) failed after the connection closed",
                    logText(method), unwrap(e));
              }
            });
          }
        });
      }
      return;
    }
    if (result instanceof CompletionStage<?> stage) {
      answersOwed++;
      stage.whenComplete((v, e) -> transport.execute(() -> {
        answersOwed--;
        if (disconnected) {
          return;
        }
        try {
          if (e != null) {
            sendError(requestId, unwrap(e));
          } else {
            sendAnswer(requestId, v, perspective);
          }
        } finally {
          closeIfGoodbye();
        }
      }));
    } else {
      sendAnswer(requestId, result, perspective);
    }
  }

  /**
   * A call failed: on the peer's input ({@code refused}: its arguments, its target, its method
   * name) or in the method itself. A {@link VirtualMachineError} is never the peer's to see: the
   * connection closes and it is rethrown. The peer gets the error if it wants an answer. Logging
   * is bounded, since the peer can fail calls at will: a refused call is DEBUG, plus one WARN
   * per {@link #LOG_INTERVAL_SECONDS} counting the others; a method's own exception with no
   * answer to carry it is WARN with its stack trace, limited the same way (the rest at DEBUG).
   */
  private void failed(Sexp requestId, boolean answerRequired, String method, Throwable t,
      boolean refused) {
    fatal(t);
    if (refused) {
      logger.debug("{}: refused a call to {}: {}", this, logText(method), t.toString());
      long others;
      if (refusedCalls.permit() && (others = CALL_WARNINGS.acquire()) >= 0) {
        long more = refusedCalls.suppressed();
        logger.warn("{}: refused a call to {} from the peer: {}{}{}", this, logText(method), t.toString(),
            more == 0 ? "" : " (and " + more + " more in the last " + refusedCalls.intervalSeconds()
                + " s, logged at DEBUG)", SharedLogGate.droppedText(others));
      }
    } else if (!answerRequired) {
      long others;
      if (failedCalls.permit() && (others = CALL_WARNINGS.acquire()) >= 0) {
        long more = failedCalls.suppressed();
        logger.warn("remote method {} (no answer wanted) failed{}{}", logText(method),
            more == 0 ? "" : " (and " + more + " more in the last " + failedCalls.intervalSeconds()
                + " s, logged at DEBUG)", SharedLogGate.droppedText(others), t);
      } else {
        logger.debug("remote method {} (no answer wanted) failed", logText(method), t);
      }
    } else if (t instanceof PbError || t instanceof TwistedException) {
      logger.debug("remote method {} failed; the peer receives {}", logText(method), t.toString());
    } else {
      logger.debug("remote method {} failed; the peer receives it", logText(method), t);
    }
    if (answerRequired) {
      sendError(requestId, t);
    }
  }

  /**
   * Closes the connection and rethrows {@code t} if it is a {@link VirtualMachineError}
   * (out of memory, stack overflow): never described to the peer, never swallowed.
   */
  private void fatal(Throwable t) {
    if (t instanceof VirtualMachineError e) {
      transport.close(e);
      throw e;
    }
  }

  /** A method name from the peer, bounded for a log line. */
  private static String logText(String method) {
    return method.length() <= 80 ? method : method.substring(0, 77) + "...";
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  private static List<?> arguments(Object args) {
    if (args instanceof Tuple t) {
      return t.asList();
    }
    if (args instanceof List<?> l) {
      return l;
    }
    throw TwistedException.typeError("argument list: " + Conversions.describe(args)
        + " (expected: a tuple)");
  }

  private static Map<String, ?> keywords(Object kw) {
    if (!(kw instanceof Map<?, ?> map)) {
      throw TwistedException.typeError("keyword arguments: " + Conversions.describe(kw)
          + " (expected: a dict)");
    }
    if (map.isEmpty()) {
      return Map.of();
    }
    LinkedHashMap<String, Object> out = null;
    for (Object k : map.keySet()) {
      if (!(k instanceof String)) {
        out = new LinkedHashMap<>();
        break;
      }
    }
    if (out == null) {
      @SuppressWarnings("unchecked")
      Map<String, ?> strings = (Map<String, ?>) map;
      return strings;
    }
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object k = e.getKey();
      if (k instanceof String s) {
        out.put(s, e.getValue());
      } else if (k instanceof ByteString b) {
        out.put(b.utf8(), e.getValue()); // Python 2 peers send bytes keys; Twisted decodes them
      } else {
        throw TwistedException.typeError("keywords must be strings, not " + Conversions.describe(k));
      }
    }
    return out;
  }

  private Local localFor(Sexp objectId) {
    if (objectId instanceof Sexp.Int i) {
      return localObjects.get(i.value());
    }
    if (objectId instanceof Sexp.Bytes b) {
      return names.get(new String(b.value(), StandardCharsets.UTF_8));
    }
    return null;
  }

  /** The object a {@code ["local", id]} resolves to, or null (Twisted: {@code localObjectForID}). */
  Object localObjectForId(Sexp id) {
    Local lob = localFor(id);
    return lob == null ? null : lob.exported;
  }

  private static String methodName(Sexp name) {
    if (name instanceof Sexp.Bytes b) {
      try {
        return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b.value())).toString();
      } catch (CharacterCodingException e) {
        throw new PbProtocolException("method name: " + show(name) + " (expected: UTF-8; Twisted: UnicodeDecodeError)");
      }
    }
    throw new PbProtocolException("method name: " + show(name) + " (expected: a byte string)");
  }

  /** Python's truth value of a Banana atom. */
  private static boolean truthy(Sexp s) {
    if (s instanceof Sexp.Int i) {
      return i.value() != 0;
    }
    if (s instanceof Sexp.Float f) {
      return f.value() != 0.0;
    }
    if (s instanceof Sexp.Bytes b) {
      return b.length() > 0;
    }
    if (s instanceof Sexp.SList l) {
      return l.size() > 0;
    }
    return true; // BigInt: never zero
  }

  private void receiveAnswer(Sexp.SList l) {
    PendingCall call = pendingFor(l.get(1), "answer");
    if (call == null) {
      dropLate(l.get(2));
      return;
    }
    Incoming in = new Incoming();
    Object result;
    try {
      result = in.unjelly(l.get(2), null);
    } catch (RuntimeException e) {
      in.rollback();
      call.failed(e);
      return;
    }
    call.answered(result);
  }

  private void receiveError(Sexp.SList l) {
    PendingCall call = pendingFor(l.get(1), "error");
    if (call == null) {
      dropLate(l.get(2));
      return;
    }
    call.failed(failureOf(l.get(2)));
  }

  /**
   * The answer or error of an abandoned call: unserialized only so that the references and cache
   * copies in it are released at once ({@code decref}, {@code decache}), as Python's GC releases
   * an answer nobody waits for.
   */
  private void dropLate(Sexp value) {
    Incoming in = new Incoming();
    try {
      in.unjelly(value, null);
    } catch (RuntimeException e) {
      logger.debug("the late answer of an abandoned call did not unserialize", e);
    } finally {
      in.rollback();
    }
  }

  /** The call waiting for {@code requestId}, or null for the late answer of an abandoned call. */
  private PendingCall pendingFor(Sexp requestId, String kind) {
    PendingCall call = requestId instanceof Sexp.Int i ? waitingForAnswers.remove(i.value()) : null;
    if (call == null && requestId instanceof Sexp.Int i && i.value() > 0
        && i.value() <= currentRequestId && abandoned > 0) {
      // Only as many as were abandoned: a peer answering twice is still caught otherwise.
      abandoned--;
      return null;
    }
    if (call == null) {
      throw new PbProtocolException(kind + " for unknown request id " + show(requestId)
          + " (Twisted: KeyError: " + show(requestId) + ")");
    }
    return call;
  }

  /** What a received error becomes: see {@link RemotePbException}, and the builders' {@code remoteException}. */
  private Throwable failureOf(Sexp failure) {
    return config.pythonNames().read(receivedFailure(failure));
  }

  private Throwable receivedFailure(Sexp failure) {
    if (failure instanceof Sexp.SList l && l.size() > 0 && l.get(0) instanceof Sexp.Bytes head) {
      String type = head.asLatin1();
      if (!type.equals(Wire.COPYABLE_FAILURE) && !registry.isRegistered(type)) {
        // A Copyable exception this side has no class for: its type name is all it can keep.
        return new RemotePbException(new String(head.value(), StandardCharsets.UTF_8), "", List.of(), null);
      }
    }
    Incoming in = new Incoming();
    Object value;
    try {
      value = in.unjelly(failure, null);
    } catch (RuntimeException e) {
      in.rollback();
      return e;
    }
    if (value instanceof Throwable t) {
      return t;
    }
    Throwable asFailure = config.failureException(value);
    if (asFailure != null) {
      return asFailure;
    }
    // Twisted's errback of a value that is no exception: Failure(value), typed type(value)
    String registered = value == null ? null : registry.registeredName(value.getClass());
    String type = registered != null ? registered : "builtins." + PythonTypes.name(value);
    return new RemotePbException(type,
        ValueText.repr(value, ValueText.MESSAGE_BUDGET), List.of(), null);
  }

  private void receiveDecref(Sexp id) {
    Local lob = id instanceof Sexp.Int i ? localObjects.get(i.value()) : null;
    if (lob == null) {
      throw new PbProtocolException("decref for unknown object id " + show(id) + " (Twisted: KeyError)");
    }
    decref(lob);
  }

  private void decref(Local lob) {
    if (--lob.refcount == 0) {
      localObjects.remove(lob.luid);
      luids.remove(lob.key);
      runCleanup(lob);
    }
  }

  private static void runCleanup(Local lob) {
    Runnable cleanup = lob.cleanup;
    lob.cleanup = null;
    if (cleanup != null) {
      try {
        cleanup.run();
      } catch (RuntimeException e) {
        logger.warn("cleanup of exported object {} failed", lob.target, e);
      }
    }
  }

  private void receiveDecache(Sexp id) {
    CachedLocal c = id instanceof Sexp.Int i ? remotelyCachedObjects.get(i.value()) : null;
    if (c == null) {
      throw new PbProtocolException("decache for unknown cache id " + show(id) + " (Twisted: KeyError)");
    }
    if (decache(c)) {
      transport.send(Sexp.list(Wire.UNCACHE, Sexp.integer(c.luid)));
    }
  }

  /** Counts one copy less; at zero forgets the cache and stops observing. True if forgotten. */
  private boolean decache(CachedLocal c) {
    if (--c.count > 0) {
      return false;
    }
    remotelyCachedObjects.remove(c.luid);
    remotelyCachedLuids.remove(c.cacheable);
    stopObserving(c);
    return true;
  }

  private static void stopObserving(CachedLocal c) {
    c.observer.observing = false;
    try {
      c.cacheable.stoppedObserving(c.observer.perspective(), c.observer);
    } catch (RuntimeException e) {
      logger.warn("stoppedObserving of {} failed", c.cacheable, e);
    }
  }

  private void receiveUncache(Sexp id) {
    ImportedCache ic = id instanceof Sexp.Int i ? locallyCachedObjects.remove(i.value()) : null;
    if (ic == null) {
      throw new PbProtocolException("uncache for unknown cache id " + show(id) + " (Twisted: KeyError)");
    }
    ic.detached = true;
  }

  // ---- sending ------------------------------------------------------------------------------

  /**
   * Calls {@code method} on the peer's object {@code objectId} (a {@code Long} luid or a {@code
   * String} name): {@code ["message", id, objectId, method, answerRequired, args, kwargs]}, args
   * and kwargs jellied separately for {@code perspective}. With {@code call} null no answer is
   * asked for (Twisted's {@code pbanswer=False}). A value that cannot be sent fails the call and
   * sends nothing (the references it registered are given back).
   */
  public void sendMessage(Object objectId, Object perspective, String method, Tuple args,
      Map<String, ?> kwargs, PendingCall call) {
    sendMessage(objectId, perspective, method, args, kwargs, call != null, call);
  }

  /**
   * Calls {@code method} on the peer's object, asking for an answer if {@code answerRequired}.
   * With {@code answerRequired} false, {@code call} (if not null) learns whether the message was
   * written: {@link PendingCall#answered answered(null)} once it is, {@link PendingCall#failed
   * failed} if it could not be sent; no answer is ever waited for.
   */
  public void sendMessage(Object objectId, Object perspective, String method, Tuple args,
      Map<String, ?> kwargs, boolean answerRequired, PendingCall call) {
    if (answerRequired && call == null) {
      throw new IllegalArgumentException("call: null (expected: a PendingCall when an answer is required)");
    }
    Sexp id = objectId instanceof String s
        ? new Sexp.Bytes(s.getBytes(StandardCharsets.UTF_8))
        : Sexp.integer((Long) objectId);
    try {
      send(Wire.MESSAGE, id, perspective, method, args, kwargs, answerRequired, call);
    } finally {
      closeIfGoodbye();
    }
  }

  /** Sends {@code cachemessage} to the peer's copy observed by {@code observer}. */
  void sendCacheMessage(CacheObserver observer, String method, Tuple args, Map<String, ?> kwargs,
      PendingCall call) {
    CachedLocal c = remotelyCachedLuids.get(observer.cacheable());
    if (c == null || c.observer != observer) {
      if (call != null) {
        call.failed(CacheObserver.stale());
      }
      return;
    }
    try {
      send(Wire.CACHEMESSAGE, Sexp.integer(c.luid), observer.perspective(), method, args, kwargs,
          call != null, call);
    } finally {
      closeIfGoodbye();
    }
  }

  private void send(Sexp.Bytes kind, Sexp objectId, Object perspective, String method, Tuple args,
      Map<String, ?> kwargs, boolean answerRequired, PendingCall call) {
    if (disconnected) {
      fail(call, new DeadReferenceException("Calling Stale Broker (the connection is closed)"));
      return;
    }
    if (answerRequired && waitingForAnswers.size() >= config.maxOutstandingCalls()) {
      fail(call, new PbTooManyCallsException("outstanding calls: " + waitingForAnswers.size()
          + " (expected: fewer than maxOutstandingCalls " + config.maxOutstandingCalls() + ")",
          config.maxOutstandingCalls()));
      return;
    }
    Outgoing out = new Outgoing(perspective);
    Sexp netArgs;
    Sexp netKw;
    try {
      netArgs = out.jelly(args);
      netKw = out.jelly(kwargs);
    } catch (RuntimeException e) {
      out.rollback();
      fail(call, e);
      return;
    }
    long requestId = ++currentRequestId;
    if (answerRequired) {
      waitingForAnswers.put(requestId, call);
    }
    Sexp message = Sexp.list(kind, Sexp.integer(requestId), objectId,
        new Sexp.Bytes(method.getBytes(StandardCharsets.UTF_8)),
        answerRequired ? Wire.ANSWER_REQUIRED : Wire.NO_ANSWER, netArgs, netKw);
    try {
      transport.send(message);
    } catch (BananaEncodingException e) {
      out.rollback();
      if (answerRequired) {
        waitingForAnswers.remove(requestId);
      }
      fail(call, e);
      return;
    }
    if (!answerRequired && call != null) {
      call.answered(null);
    }
  }

  private static void fail(PendingCall call, Throwable t) {
    if (call != null) {
      call.failed(t);
    } else {
      logger.warn("a call wanting no answer was not sent", t);
    }
  }

  private void sendAnswer(Sexp requestId, Object result, Object perspective) {
    Outgoing out = new Outgoing(perspective);
    Sexp value;
    try {
      value = out.jelly(result);
    } catch (RuntimeException e) {
      out.rollback();
      sendError(requestId, e);
      return;
    }
    try {
      transport.send(Sexp.list(Wire.ANSWER, requestId, value));
    } catch (BananaEncodingException e) {
      // Twisted lets the BananaError escape and drops the connection; this side answers the error.
      out.rollback();
      sendError(requestId, e);
    }
  }

  private void sendError(Sexp requestId, Throwable t) {
    fatal(t);
    Outgoing out = new Outgoing(null);
    Sexp failure = null;
    if (t instanceof Jellyable || allowedClass(t)) {
      try {
        failure = out.jelly(t);
      } catch (RuntimeException e) {
        out.rollback();
        logger.debug("exception {} could not be sent as itself; sending a CopyableFailure", t, e);
      }
    }
    if (failure == null) {
      failure = copyableFailure(t);
    }
    try {
      transport.send(Sexp.list(Wire.ERROR, requestId, failure));
    } catch (BananaEncodingException e) {
      out.rollback();
      try {
        transport.send(Sexp.list(Wire.ERROR, requestId, copyableFailure(e)));
      } catch (BananaEncodingException e2) {
        transport.close(new PbProtocolException("cannot send an error reply: " + e2.getMessage(), e2));
      }
    }
  }

  private boolean allowedClass(Throwable t) {
    String name = registry.registeredName(t.getClass());
    return name != null && registry.security().isTypeAllowed(name);
  }

  private Sexp copyableFailure(Throwable t) {
    PythonError error = Failures.describe(t, config.translators(), config.pythonNames());
    Map<String, Object> state = Failures.state(error, ++failureCount, config.unsafeTracebacks(), t);
    return Sexp.list(Wire.COPYABLE_FAILURE_ATOM, registry.newJellier().jelly(state));
  }

  /** Sends {@code ["decref", luid]} for a released reference, unless the connection is gone. */
  public void sendDecref(Object luid) {
    if (!disconnected && luid instanceof Long l) {
      transport.send(Sexp.list(Wire.DECREF, Sexp.integer(l)));
    }
  }

  /** Sends {@code ["decache", luid]} for a released cache copy, unless the connection is gone. */
  void sendDecache(long luid) {
    if (!disconnected) {
      transport.send(Sexp.list(Wire.DECACHE, Sexp.integer(luid)));
    }
  }

  // ---- serialization (FlavorBroker) ---------------------------------------------------------

  @Override
  public Object serializingPerspective() {
    return outgoing == null ? null : outgoing.perspective;
  }

  @Override
  public Sexp jellyReferenceable(Object referenceable) {
    MethodTable.of(referenceable.getClass()).check(Kind.REMOTE);
    Local lob = registerReference(new IdentityKey(null, referenceable), Kind.REMOTE, referenceable,
        null, referenceable);
    return Sexp.list(Wire.REMOTE_ATOM, Sexp.integer(lob.luid));
  }

  @Override
  public Sexp jellyViewPoint(Object perspective, Object viewable) {
    MethodTable.of(viewable.getClass()).check(Kind.VIEW);
    IdentityKey key = new IdentityKey(perspective, viewable);
    Local lob = luids.get(key);
    Object exported = lob != null ? lob.exported : new ViewPoint(perspective, viewable);
    lob = registerReference(key, Kind.VIEW, viewable, perspective, exported);
    return Sexp.list(Wire.REMOTE_ATOM, Sexp.integer(lob.luid));
  }

  /**
   * Exports {@code target}, called as {@code kind} on behalf of {@code perspective}, and returns
   * {@code ["remote", luid]}; {@code cleanup} runs once the peer's last reference is gone or the
   * connection is lost (an avatar's logout). Same as {@link #jellyExported(Object, Object, Kind,
   * Object, Runnable)} with {@code perspective} as the identity.
   */
  public Sexp jellyExported(Object target, Kind kind, Object perspective, Runnable cleanup) {
    return jellyExported(perspective, target, kind, perspective, cleanup);
  }

  /**
   * Exports {@code target}, called as {@code kind} on behalf of {@code perspective}, and returns
   * {@code ["remote", luid]}; for the login layer's avatar references. The entry is found again
   * by ({@code identity}, {@code target}): {@code null} shares the entry of the plain
   * Referenceable {@code target}; a fresh object per login gives each login its own luid, as
   * Twisted's {@code AsReferenceable(avatar, "perspective")} does. {@code cleanup} (may be null)
   * runs once the peer's last reference to the entry is gone or the connection is lost; if the
   * entry already has one, both run, the earlier first. A {@code ["local", luid]} coming back
   * resolves to {@code target}.
   *
   * @throws IllegalArgumentException if {@code target}'s class cannot be called as {@code kind}
   * @throws PbError if the reference table is full (Twisted's {@code MAX_BROKER_REFS})
   */
  public Sexp jellyExported(Object identity, Object target, Kind kind, Object perspective,
      Runnable cleanup) {
    MethodTable.of(target.getClass()).check(kind);
    Local lob = registerReference(new IdentityKey(identity, target), kind, target, perspective, target);
    if (cleanup != null) {
      Runnable earlier = lob.cleanup;
      lob.cleanup = earlier == null ? cleanup : () -> {
        try {
          earlier.run();
        } finally {
          cleanup.run();
        }
      };
    }
    return Sexp.list(Wire.REMOTE_ATOM, Sexp.integer(lob.luid));
  }

  /**
   * Counts one more reference to an exported object, registering it under a new luid the first
   * time: Twisted's {@code registerReference}, with its {@code MAX_BROKER_REFS} check.
   */
  private Local registerReference(IdentityKey key, Kind kind, Object target, Object perspective,
      Object exported) {
    Local lob = luids.get(key);
    if (lob == null) {
      if (names.size() + localObjects.size() > config.maxBrokerRefs()) {
        throw refuse("Maximum PB reference count exceeded.");
      }
      long luid = ++currentLocalId;
      lob = new Local(luid, kind, target, perspective, exported, key);
      localObjects.put(luid, lob);
      luids.put(key, lob);
    } else {
      lob.refcount++;
    }
    Local counted = lob;
    undoable(() -> {
      if (localObjects.get(counted.luid) == counted) {
        decref(counted);
      }
    });
    return lob;
  }

  /** A refused registration; the fourth and later also close the connection, as Twisted does. */
  private PbError refuse(String message) {
    if (++maxBrokerRefsViolations > 3) {
      message += "  Goodbye.";
      if (goodbye == null) {
        goodbye = new PbProtocolException(message + " (the peer holds too many references)");
      }
    }
    return new PbError(message);
  }

  private void closeIfGoodbye() {
    if (goodbye != null && !disconnected) {
      transport.close(goodbye);
    }
  }

  @Override
  public boolean isNewCacheable(Object cacheable) {
    return !remotelyCachedLuids.containsKey(cacheable);
  }

  @Override
  public Sexp jellyCacheable(Object flavor, Jellier jellier) {
    Cacheable cacheable = (Cacheable) flavor;
    CachedLocal c = remotelyCachedLuids.get(cacheable);
    if (c != null) {
      c.count++;
      CachedLocal counted = c;
      undoable(() -> {
        if (remotelyCachedObjects.get(counted.luid) == counted) {
          decache(counted);
        }
      });
      return Sexp.list(Wire.CACHED_ATOM, Sexp.integer(c.luid));
    }
    long luid = ++currentLocalId; // taken even when refused, as in Twisted
    if (remotelyCachedObjects.size() > config.maxBrokerRefs()) {
      throw refuse("Maximum PB cache count exceeded.");
    }
    Object perspective = serializingPerspective();
    CacheObserver observer = new CacheObserver(this, cacheable, perspective);
    CachedLocal added = new CachedLocal(luid, cacheable, observer);
    remotelyCachedObjects.put(luid, added);
    remotelyCachedLuids.put(cacheable, added);
    undoable(() -> {
      if (remotelyCachedObjects.get(added.luid) == added) {
        decache(added);
      }
    });
    String type = cacheable.getTypeToCopyFor(perspective);
    if (type == null || type.isEmpty()) {
      throw new IllegalArgumentException(cacheable.getClass().getName()
          + ".getTypeToCopyFor: " + type + " (expected: a type name)");
    }
    Object state = cacheable.getStateToCacheAndObserveFor(perspective, observer);
    return Sexp.list(new Sexp.Bytes(type.getBytes(StandardCharsets.UTF_8)), Sexp.integer(luid),
        jellier.jelly(state));
  }

  private void undoable(Runnable undo) {
    Outgoing out = outgoing;
    if (out != null) {
      if (out.undo == null) {
        out.undo = new ArrayList<>(4);
      }
      out.undo.add(undo);
    }
  }

  // ---- unserialization (the PB unjelly handlers) ---------------------------------------------

  /** The perspective the current message is unserialized for (the target's, for a call). */
  public Object unserializingPerspective() {
    return incoming == null ? null : incoming.perspective;
  }

  /**
   * Registers {@code undo} to run if the value being unjellied is not delivered: the rest of the
   * message failed to unjelly, or the call's arguments did not bind. Used to release references
   * made along the way.
   */
  public void onUnjellyFailure(Runnable undo) {
    Incoming in = incoming;
    if (in != null) {
      if (in.undo == null) {
        in.undo = new ArrayList<>(4);
      }
      in.undo.add(undo);
    }
  }

  /** {@code [typeName, luid, state]}: a new RemoteCache from the peer, one copy held. */
  ImportedCache cacheLocally(long luid, RemoteCache cache) {
    ImportedCache ic = new ImportedCache(this, luid, cache);
    FlavorAccess.remoteCache().bind(cache, ic);
    ImportedCache old = locallyCachedObjects.put(luid, ic);
    if (old != null) {
      old.detached = true;
    }
    onUnjellyFailure(ic::releaseOne);
    return ic;
  }

  /** {@code ["cached", luid]}: one more copy of a RemoteCache held, or null if unknown. */
  RemoteCache cachedLocallyAs(long luid) {
    ImportedCache ic = locallyCachedObjects.get(luid);
    if (ic == null) {
      return null;
    }
    ic.copies.incrementAndGet();
    onUnjellyFailure(ic::releaseOne);
    return ic.cache;
  }

  /** {@code ["lcache", luid]}: this side's Cacheable, or null if the peer holds no such copy. */
  Cacheable remotelyCachedForLuid(long luid) {
    CachedLocal c = remotelyCachedObjects.get(luid);
    return c == null ? null : c.cacheable;
  }

  private static String show(Sexp s) {
    if (s instanceof Sexp.Int i) {
      return Long.toString(i.value());
    }
    if (s instanceof Sexp.Bytes b) {
      // Bounded, and without String.format (~100 KB per call) on a path any peer can trigger.
      return dev.spindle.pb.jelly.ValueText.sexp(b, 64);
    }
    if (s instanceof Sexp.BigInt b) {
      return b.value().toString();
    }
    if (s instanceof Sexp.Float f) {
      return Double.toString(f.value());
    }
    return "a list";
  }

  @Override
  public String toString() {
    return "Broker{" + localObjects.size() + " exported, " + waitingForAnswers.size()
        + " waiting for answers}";
  }

  /** One outgoing message's serialization; its registrations are undone if it is not sent. */
  private final class Outgoing {
    final Object perspective;
    ArrayList<Runnable> undo;

    Outgoing(Object perspective) {
      this.perspective = perspective;
    }

    Sexp jelly(Object value) {
      Outgoing saved = outgoing;
      outgoing = this;
      try {
        return registry.newJellier(Broker.this).jelly(value);
      } finally {
        outgoing = saved;
      }
    }

    void rollback() {
      if (undo != null) {
        for (int i = undo.size() - 1; i >= 0; i--) {
          undo.get(i).run();
        }
        undo = null;
      }
    }
  }

  /** One incoming message's unserialization; what it created is released if it is not used. */
  private final class Incoming {
    Object perspective;
    ArrayList<Runnable> undo;

    Object unjelly(Sexp sexp, Object perspective) {
      Incoming saved = incoming;
      incoming = this;
      this.perspective = perspective;
      try {
        return registry.newUnjellier(Broker.this).unjelly(sexp);
      } finally {
        incoming = saved;
      }
    }

    void rollback() {
      if (undo != null) {
        List<Runnable> u = undo;
        undo = null;
        for (int i = u.size() - 1; i >= 0; i--) {
          try {
            u.get(i).run();
          } catch (RuntimeException e) {
            logger.debug("releasing an unused reference failed", e);
          }
        }
      }
    }
  }
}
