package dev.spindle.pb.broker;

import dev.spindle.pb.banana.BananaEncodingException;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.broker.Broker.PendingCall;
import dev.spindle.pb.broker.Broker.Transport;
import dev.spindle.pb.exceptions.DeadReferenceException;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.exceptions.PbTooManyCallsException;
import dev.spindle.pb.jelly.Jellyable;
import dev.spindle.pb.jelly.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a {@link Broker} sends: calls ({@code message}), their answers and errors, and the
 * reference and cache bookkeeping messages, each serialized in its jelly context. Event-loop
 * confined.
 */
abstract class BrokerSending extends BrokerJelly {
  BrokerSending(BrokerConfig config, Transport transport, ReferenceFactory references) {
    super(config, transport, references);
  }

  /** Closes the connection for a failure this side cannot recover from (see {@link BrokerDispatch}). */
  abstract void fatal(Throwable t);

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

  /**
   * Sends {@code cachemessage} to the peer's copy observed by {@code observer}; without {@code
   * answerRequired}, {@code call} learns only whether it was written.
   */
  void sendCacheMessage(CacheObserver observer, String method, Tuple args, Map<String, ?> kwargs,
      boolean answerRequired, PendingCall call) {
    CachedLocal c = remotelyCachedLuids.get(observer.cacheable());
    if (c == null || c.observer != observer) {
      if (call != null) {
        call.failed(CacheObserver.stale());
      }
      return;
    }
    try {
      send(Wire.CACHEMESSAGE, Sexp.integer(c.luid), observer.perspective(), method, args, kwargs,
          answerRequired, call);
    } finally {
      closeIfGoodbye();
    }
  }

  void send(Sexp.Bytes kind, Sexp objectId, Object perspective, String method, Tuple args,
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

  static void fail(PendingCall call, Throwable t) {
    if (call != null) {
      call.failed(t);
    } else {
      logger.warn("a call wanting no answer was not sent", t);
    }
  }

  void sendAnswer(Sexp requestId, Object result, Object perspective) {
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

  void sendError(Sexp requestId, Throwable t) {
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

  boolean allowedClass(Throwable t) {
    String name = registry.registeredName(t.getClass());
    return name != null && registry.security().isTypeAllowed(name);
  }

  Sexp copyableFailure(Throwable t) {
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

}
