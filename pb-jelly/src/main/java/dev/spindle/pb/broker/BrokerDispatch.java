package dev.spindle.pb.broker;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.broker.Broker.Task;
import dev.spindle.pb.broker.Broker.Transport;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.flavors.PbError;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.transport.CallInfo;
import dev.spindle.transport.CallRejectedException;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.internal.CallHooks;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * The dispatch of every PB message a {@link Broker} receives: calls to exported objects (within
 * the limit on the peer's outstanding calls), {@code decref}, {@code decache} and {@code
 * uncache}, and the protocol errors that close the connection; answers and errors for pending
 * calls are {@link BrokerAnswers}'. Event-loop confined.
 */
abstract class BrokerDispatch extends BrokerAnswers {
  /** Blocking executor, interceptors, counting; null when none is configured. */
  CallHooks hooks;
  ConnectionInfo connectionInfo;
  Object connectionObject;

  BrokerDispatch(BrokerConfig config, Transport transport, ReferenceFactory references) {
    super(config, transport, references);
  }

  /**
   * Runs the peer's calls through {@code hooks} (blocking executor, interceptors, counting) with
   * {@code info} and {@code connection} describing the connection. Before the first message.
   */
  public void hooks(CallHooks hooks, ConnectionInfo info, Object connection) {
    this.hooks = hooks != null && hooks.perCall() ? hooks : null;
    this.connectionInfo = info;
    this.connectionObject = connection;
  }

  /** The hooks set by {@link #hooks}, or null. */
  public CallHooks hooks() {
    return hooks;
  }

  /** The connection's info set by {@link #hooks}, or null. */
  public ConnectionInfo connectionInfo() {
    return connectionInfo;
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

  private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);

  void dispatch(Sexp sexp) {
    if (!(sexp instanceof Sexp.SList l)) {
      throw new PbProtocolException("Non-list expression received.");
    }
    if (l.size() == 0 || !(l.get(0) instanceof Sexp.Bytes head)) {
      throw new PbProtocolException("message kind: " + (l.size() == 0 ? "an empty list" : show(l.get(0)))
          + " (expected: a list headed by a byte string)");
    }
    String kind = head.length() == MESSAGE.length && Arrays.equals(head.value(), MESSAGE)
        ? "message" // the usual one, without a String per call
        : head.asLatin1();
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

  static void arity(Sexp.SList l, String kind, int fields) {
    if (l.size() - 1 != fields) {
      throw new PbProtocolException(kind + ": " + (l.size() - 1) + " fields (expected: " + fields
          + "; Twisted: TypeError)");
    }
  }

  void receiveCall(Sexp.SList l, boolean cache) {
    Sexp requestId = l.get(1);
    Sexp objectId = l.get(2);
    String method = cachedMethodName(l.get(3));
    boolean answerRequired = truthy(l.get(4));
    Object target;
    Object perspective;
    Kind kind;
    RemoteMethod m;
    Object[] bound;
    Object result;
    MethodTable table;
    List<?> positional;
    Map<String, ?> keywords;
    Incoming in = new Incoming();
    try {
      if (cache) {
        ImportedCache ic = objectId instanceof Sexp.Int i ? locallyCachedObjects.get(i.value()) : null;
        if (ic == null) {
          throw TwistedException.keyError(show(objectId));
        }
        target = ic.observed();
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
        table = MethodTable.of(target.getClass());
        m = table.find(kind, method);
        if (m == null) {
          throw TwistedException.noSuchMethod(kind.prefix() + method);
        }
        positional = arguments(args);
        keywords = keywords(kw);
        bound = m.bind(perspective, positional, keywords);
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
      if (hooks == null && !m.blocking() && !table.blocking()) {
        result = m.call(target, bound);
      } else {
        result = hookedCall(target, m, table, bound, method, positional, keywords);
      }
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
   * Runs a remote method through the hooks: on the blocking executor if it is declared blocking,
   * inside the server-side interceptors if any. A refusal becomes a {@code pb.Error}.
   */
  private CompletionStage<?> hookedCall(Object target, RemoteMethod m, MethodTable table, Object[] bound,
      String method, List<?> positional, Map<String, ?> keywords) {
    CallHooks h = hooks != null ? hooks : CallHooks.DEFAULT;
    if (connectionInfo != null && h.counts()) {
      connectionInfo.countCall();
    }
    boolean blocking = m.blocking() || table.blocking() || h.allBlocking();
    Supplier<CompletionStage<?>> run = blocking
        ? () -> h.runBlocking(() -> callSneaky(m, target, bound), logText(method))
        : () -> {
          try {
            Object r = m.call(target, bound);
            return r instanceof CompletionStage<?> s ? s : CompletableFuture.completedFuture(r);
          } catch (Throwable t) {
            fatal(t);
            return CompletableFuture.failedFuture(t);
          }
        };
    CompletionStage<?> s = h.interceptsServer()
        ? h.interceptServer(new CallInfo(CallInfo.PB, CallInfo.Side.SERVER, target.getClass().getSimpleName(),
            method, positional, keywords, connectionInfo, connectionObject, null), run)
        : run.get();
    CompletableFuture<Object> out = new CompletableFuture<>();
    s.whenComplete((v, e) -> {
      if (e == null) {
        out.complete(v);
        return;
      }
      Throwable u = unwrap(e);
      out.completeExceptionally(u instanceof CallRejectedException r ? new PbError(r.getMessage()) : u);
    });
    return out;
  }

  /** {@link RemoteMethod#call}, rethrowing whatever it throws unchanged (for a {@code Callable}). */
  private static Object callSneaky(RemoteMethod m, Object target, Object[] bound) {
    try {
      return m.call(target, bound);
    } catch (Throwable t) {
      throw BrokerDispatch.<RuntimeException>sneaky(t);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends Throwable> T sneaky(Throwable t) throws T {
    throw (T) t;
  }

  /**
   * A call failed: on the peer's input ({@code refused}: its arguments, its target, its method
   * name) or in the method itself. A {@link VirtualMachineError} is never the peer's to see: the
   * connection closes and it is rethrown. The peer gets the error if it wants an answer. Logging
   * is bounded, since the peer can fail calls at will: a refused call is DEBUG, plus one WARN
   * per {@link #LOG_INTERVAL_SECONDS} counting the others; a method's own exception with no
   * answer to carry it is WARN with its stack trace, limited the same way (the rest at DEBUG).
   */
  void failed(Sexp requestId, boolean answerRequired, String method, Throwable t,
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
  @Override
  void fatal(Throwable t) {
    if (t instanceof VirtualMachineError e) {
      transport.close(e);
      throw e;
    }
  }

  /** A method name from the peer, bounded for a log line. */
  static String logText(String method) {
    return method.length() <= 80 ? method : method.substring(0, 77) + "...";
  }

  static Throwable unwrap(Throwable e) {
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  static List<?> arguments(Object args) {
    if (args instanceof Tuple t) {
      return t.asList();
    }
    if (args instanceof List<?> l) {
      return l;
    }
    throw TwistedException.typeError("argument list: " + Conversions.describe(args)
        + " (expected: a tuple)");
  }

  static Map<String, ?> keywords(Object kw) {
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

  Local localFor(Sexp objectId) {
    if (objectId instanceof Sexp.Int i) {
      return localObjects.get(i.value());
    }
    if (objectId instanceof Sexp.Bytes b) {
      return names.get(objectName(b.value()));
    }
    return null;
  }

  /** The last object name looked up, and its bytes: calls mostly go to a few names ("root"). */
  private byte[] lastNameBytes;
  private String lastName;

  private String objectName(byte[] bytes) {
    if (lastNameBytes == null || !java.util.Arrays.equals(bytes, lastNameBytes)) {
      lastName = new String(bytes, StandardCharsets.UTF_8);
      lastNameBytes = bytes;
    }
    return lastName;
  }

  /** The object a {@code ["local", id]} resolves to, or null (Twisted: {@code localObjectForID}). */
  Object localObjectForId(Sexp id) {
    Local lob = localFor(id);
    return lob == null ? null : lob.exported;
  }

  /** The method name of the last call, and its bytes: a peer mostly calls a few methods. */
  private byte[] lastMethodBytes;
  private String lastMethod;

  /** {@link #methodName(Sexp)}, remembering the last name decoded. */
  private String cachedMethodName(Sexp name) {
    if (name instanceof Sexp.Bytes b) {
      byte[] bytes = b.value();
      if (lastMethodBytes != null && java.util.Arrays.equals(bytes, lastMethodBytes)) {
        return lastMethod;
      }
      String method = methodName(name);
      lastMethodBytes = bytes;
      lastMethod = method;
      return method;
    }
    return methodName(name);
  }

  static String methodName(Sexp name) {
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
  static boolean truthy(Sexp s) {
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

  void receiveDecref(Sexp id) {
    Local lob = id instanceof Sexp.Int i ? localObjects.get(i.value()) : null;
    if (lob == null) {
      throw new PbProtocolException("decref for unknown object id " + show(id) + " (Twisted: KeyError)");
    }
    decref(lob);
  }

  @Override
  void decref(Local lob) {
    if (--lob.refcount == 0) {
      localObjects.remove(lob.luid);
      luids.remove(lob.key);
      runCleanup(lob);
    }
  }

  static void runCleanup(Local lob) {
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

  void receiveDecache(Sexp id) {
    CachedLocal c = id instanceof Sexp.Int i ? remotelyCachedObjects.get(i.value()) : null;
    if (c == null) {
      throw new PbProtocolException("decache for unknown cache id " + show(id) + " (Twisted: KeyError)");
    }
    if (decache(c)) {
      transport.send(Sexp.list(Wire.UNCACHE, Sexp.integer(c.luid)));
    }
  }

  /** Counts one copy less; at zero forgets the cache and stops observing. True if forgotten. */
  @Override
  boolean decache(CachedLocal c) {
    if (--c.count > 0) {
      return false;
    }
    remotelyCachedObjects.remove(c.luid);
    remotelyCachedLuids.remove(c.cacheable);
    stopObserving(c);
    return true;
  }

  static void stopObserving(CachedLocal c) {
    c.observer.observing = false;
    try {
      c.cacheable.stoppedObserving(c.observer.perspective(), c.observer);
    } catch (RuntimeException e) {
      logger.warn("stoppedObserving of {} failed", c.cacheable, e);
    }
  }

  void receiveUncache(Sexp id) {
    ImportedCache ic = id instanceof Sexp.Int i ? locallyCachedObjects.remove(i.value()) : null;
    if (ic == null) {
      throw new PbProtocolException("uncache for unknown cache id " + show(id) + " (Twisted: KeyError)");
    }
    ic.detached = true;
  }

}
