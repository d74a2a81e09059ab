package dev.spindle.pb.broker;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.broker.Broker.PendingCall;
import dev.spindle.pb.broker.Broker.Transport;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.PythonTypes;
import dev.spindle.pb.jelly.ValueText;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The answers and errors a {@link Broker} receives for its pending calls: each completes its call
 * (a late one, of an abandoned call, is unserialized only to release what it holds), and a
 * received failure becomes the Java exception the builders' naming chooses. Event-loop confined.
 */
abstract class BrokerAnswers extends BrokerSending {
  BrokerAnswers(BrokerConfig config, Transport transport, ReferenceFactory references) {
    super(config, transport, references);
  }

  void receiveAnswer(Sexp.SList l) {
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

  void receiveError(Sexp.SList l) {
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
  void dropLate(Sexp value) {
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
  PendingCall pendingFor(Sexp requestId, String kind) {
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
  Throwable failureOf(Sexp failure) {
    return config.pythonNames().read(receivedFailure(failure));
  }

  Throwable receivedFailure(Sexp failure) {
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
}
