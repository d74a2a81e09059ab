package dev.spindle.amp.dispatch;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.box.BoxReceiver;
import dev.spindle.amp.box.BoxSender;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.exceptions.AmpException;
import dev.spindle.amp.exceptions.AmpProtocolException;
import dev.spindle.amp.exceptions.AmpConnectionLostException;
import dev.spindle.amp.exceptions.NoEmptyBoxesException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.exceptions.AmpTooManyCallsException;
import dev.spindle.amp.exceptions.UnhandledCommandException;
import dev.spindle.amp.internal.repr.PythonRepr;
import dev.spindle.amp.locator.BlockingResponder;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.locator.ImmediateBoxResponder;
import dev.spindle.amp.locator.PeerInputException;
import dev.spindle.transport.CallRejectedException;
import dev.spindle.transport.internal.CallHooks;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Correlates the boxes of one connection: gives outgoing commands their {@code _ask} tags, matches
 * {@code _answer} and {@code _error} boxes to the pending calls, and routes incoming commands to
 * the {@link CommandLocator}, answering with their results or error codes exactly as Twisted's
 * {@code BoxDispatcher} does (UNHANDLED keeps the connection open; UNKNOWN, fatal errors and any
 * failure of a command without {@code _ask} close it).
 *
 * <p>Event-loop confined: every method must be called on the connection's event loop. Tags are a
 * per-connection counter from 1 in lower-case hex, advanced for every command sent (also those
 * that want no answer), as in Twisted.
 *
 * <p>Limits: at most {@code maxOutstandingCalls} calls of this side wait for answers (one more
 * fails with {@link AmpTooManyCallsException}, nothing sent); at most {@code maxPeerOutstandingCalls}
 * commands of the peer wait for an asynchronous responder (one more is not run: it is answered
 * with the error code {@value AmpTooManyCallsException#ERROR_CODE}, or, if it wants no answer, the
 * connection closes as Twisted closes it when such a command fails). A call this side gave up on
 * ({@link #abandon}) is forgotten; its answer, if it comes, is dropped.
 *
 * <p>Logging: a responder that throws an undeclared exception is logged at WARN with its stack
 * trace. Errors the peer's input causes (arguments that do not parse, unknown commands) are
 * logged at DEBUG, and summarized in one rate-limited WARN line when the connection closes. A
 * {@link VirtualMachineError} is never described to the peer: the connection closes without an
 * answer, and the error is rethrown to the event loop.
 */
public final class BoxDispatcher implements BoxReceiver {
  private static final Logger logger = LoggerFactory.getLogger(BoxDispatcher.class);

  private static final byte[] ASK = ascii(AmpKeys.ASK);
  private static final byte[] ANSWER = ascii(AmpKeys.ANSWER);
  private static final byte[] COMMAND = ascii(AmpKeys.COMMAND);
  private static final byte[] ERROR = ascii(AmpKeys.ERROR);
  private static final byte[] ERROR_CODE = ascii(AmpKeys.ERROR_CODE);
  private static final byte[] ERROR_DESCRIPTION = ascii(AmpKeys.ERROR_DESCRIPTION);

  private final CommandLocator locator;
  private final int maxOutstandingCalls;
  private final int maxPeerOutstandingCalls;
  private final PendingCalls<PendingCall> pending = new PendingCalls<>();
  private final PeerErrorLog peerErrors = new PeerErrorLog(logger);
  /** Commands of the peer whose asynchronous responder has not finished; any thread. */
  private final AtomicInteger peerOutstanding = new AtomicInteger();
  /** Calls given up on whose answer has not come: that many unknown answers are dropped. */
  private long abandoned;
  // Volatile: responders may finish on other threads.
  private volatile BoxSender sender;
  private long lastTag;
  private Throwable stopped;
  /** The last command name received, and its text: a peer mostly repeats a few commands. */
  private byte[] lastCommand;
  private String lastCommandName;

  /**
   * Creates a dispatcher that answers commands with {@code locator}.
   *
   * @param locator finds the responder for each of the peer's commands; not null
   */
  public BoxDispatcher(CommandLocator locator) {
    this(locator, Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * Creates a dispatcher that answers commands with {@code locator}, with limits on the calls
   * outstanding each way (see the class comment).
   *
   * @param locator finds the responder for each of the peer's commands; not null
   * @param maxOutstandingCalls the most calls of this side that may wait for answers at once, at
   *     least 1
   * @param maxPeerOutstandingCalls the most commands of the peer that may wait for asynchronous
   *     responders at once, at least 1
   * @throws IllegalArgumentException if a limit is below 1
   */
  public BoxDispatcher(CommandLocator locator, int maxOutstandingCalls, int maxPeerOutstandingCalls) {
    this.locator = Objects.requireNonNull(locator, "locator");
    if (maxOutstandingCalls < 1) {
      throw new IllegalArgumentException(
          "maxOutstandingCalls: " + maxOutstandingCalls + " (expected: >= 1)");
    }
    if (maxPeerOutstandingCalls < 1) {
      throw new IllegalArgumentException(
          "maxPeerOutstandingCalls: " + maxPeerOutstandingCalls + " (expected: >= 1)");
    }
    this.maxOutstandingCalls = maxOutstandingCalls;
    this.maxPeerOutstandingCalls = maxPeerOutstandingCalls;
  }

  /** What to do with the answer or error box of one call. */
  public interface PendingCall {
    /**
     * The answer box arrived.
     *
     * @param box the answer box, {@code _answer} included
     */
    void answer(AmpBox box);

    /**
     * The error box arrived: its code and its description (UTF-8, invalid bytes replaced).
     *
     * @param code the error code, such as {@code UNHANDLED} or {@code UNKNOWN}
     * @param description the error's description, possibly empty
     */
    void error(String code, String description);

    /**
     * The connection is gone.
     *
     * @param e the cause, naming why the connection was lost
     */
    void connectionLost(AmpConnectionLostException e);

    /**
     * The call was refused before anything was sent (a {@link AmpTooManyCallsException}). By default
     * it is reported as a lost connection caused by {@code e}; callers' futures override this.
     *
     * @param e why the call was refused, such as an {@link AmpTooManyCallsException}
     */
    default void refused(AmpException e) {
      connectionLost(new AmpConnectionLostException(e.getMessage(), e));
    }
  }

  /**
   * The locator this dispatcher answers the peer's commands with.
   *
   * @return the locator given to the constructor, never null
   */
  public CommandLocator locator() {
    return locator;
  }

  /**
   * Returns the number of calls waiting for an answer.
   *
   * @return the number of this side's calls waiting for an answer
   */
  public int pendingCallCount() {
    return pending.size();
  }

  /**
   * Returns the number of the peer's commands whose asynchronous responder has not finished.
   *
   * @return the number of the peer's commands still being answered asynchronously
   */
  public int peerOutstandingCalls() {
    return peerOutstanding.get();
  }

  /**
   * The tag of the last command sent (0 before any); the one {@link #sendCommand} just used.
   *
   * @return the last {@code _ask} tag used, or 0 if no command was sent yet
   */
  public long lastTag() {
    return lastTag;
  }

  /**
   * Forgets the call waiting under {@code tag} if it is still {@code call} (it timed out or was
   * cancelled); its answer, if it comes, will be dropped. Returns false if the call is no longer
   * pending (answered, failed or already forgotten).
   *
   * @param tag the call's {@code _ask} tag, as {@link #lastTag()} gave it
   * @param call the call registered under {@code tag}; nothing is forgotten if another is
   * @return true if the call was forgotten, false if it was no longer pending
   */
  public boolean abandon(long tag, PendingCall call) {
    if (pending.get(tag) != call || call == null) {
      return false;
    }
    pending.remove(tag);
    abandoned++;
    return true;
  }

  /**
   * Sends the command box {@code box} (its arguments; {@code _command} and {@code _ask} are added
   * here) and registers {@code call} for its answer, or sends it without {@code _ask} if {@code
   * call} is null.
   *
   * <p>Takes ownership of {@code box}: it is modified and handed to the transport.
   *
   * @param commandName the command's name, UTF-8 encoded; kept by the box
   * @param box the command's arguments, without {@code _command} or {@code _ask}
   * @param call receives the answer or error, or null if the command wants no answer
   * @return false if nothing was sent: the connection is already gone, or {@code call} would
   *     exceed {@code maxOutstandingCalls}; {@code call} was failed
   * @throws IllegalStateException if receiving has not started yet
   */
  public boolean sendCommand(byte[] commandName, AmpBox box, PendingCall call) {
    if (stopped != null) {
      if (call != null) {
        call.connectionLost(lost(stopped));
      }
      return false;
    }
    BoxSender s = sender;
    if (s == null) {
      throw new IllegalStateException("sendCommand before startReceivingBoxes");
    }
    if (call != null && pending.size() >= maxOutstandingCalls) {
      call.refused(new AmpTooManyCallsException(
          "outstanding calls: " + pending.size() + " (expected: fewer than maxOutstandingCalls "
              + maxOutstandingCalls + ")", maxOutstandingCalls));
      return false;
    }
    long tag = ++lastTag;
    box.put(COMMAND, commandName);
    if (call != null) {
      box.put(ASK, Tags.format(tag));
      pending.put(tag, call);
    } else {
      box.remove(AmpKeys.ASK); // the tag is consumed but not sent, as in Twisted
    }
    s.sendBox(box);
    return true;
  }

  @Override
  public void startReceivingBoxes(BoxSender sender) {
    this.sender = Objects.requireNonNull(sender, "sender");
  }

  @Override
  public void ampBoxReceived(AmpBox box) {
    byte[] tag = box.get(ANSWER);
    if (tag != null) {
      PendingCall call = takePending(tag);
      if (call != null) {
        call.answer(box);
      }
      return;
    }
    tag = box.get(ERROR);
    if (tag != null) {
      PendingCall call = takePending(tag);
      if (call == null) {
        return;
      }
      byte[] code = box.get(ERROR_CODE);
      byte[] description = box.get(ERROR_DESCRIPTION);
      call.error(
          code == null ? "" : new String(code, StandardCharsets.ISO_8859_1),
          description == null ? "" : new String(description, StandardCharsets.UTF_8));
      return;
    }
    byte[] command = box.get(COMMAND);
    if (command != null) {
      dispatchCommand(command, box);
      return;
    }
    throw new NoEmptyBoxesException(box.toString());
  }

  /** The call waiting for {@code tagBytes}, or null for the late answer of an abandoned call. */
  private PendingCall takePending(byte[] tagBytes) {
    long tag = Tags.parse(tagBytes);
    PendingCall call = tag < 0 ? null : pending.remove(tag);
    if (call == null && tag > 0 && tag <= lastTag && abandoned > 0) {
      // The answer to a call that timed out or was cancelled: dropped. Only as many as were
      // abandoned, so a peer answering twice is still caught while nothing was abandoned.
      abandoned--;
      if (logger.isTraceEnabled()) {
        logger.trace("dropping the late answer to abandoned call {}", tag);
      }
      return null;
    }
    if (call == null) {
      throw new AmpProtocolException(
          "answer for a tag that is not outstanding: " + PythonRepr.bytes(tagBytes));
    }
    return call;
  }

  private void dispatchCommand(byte[] commandName, AmpBox box) {
    byte[] ask = box.get(ASK);
    if (peerOutstanding.get() >= maxPeerOutstandingCalls) {
      refusePeerCommand(commandName, ask);
      return;
    }
    String name = commandName(commandName);
    BoxResponder responder;
    try {
      // Names are sent as UTF-8; bytes that are not UTF-8 cannot name a Java responder.
      responder = name == null ? null : locator.locateResponder(name);
    } catch (RuntimeException e) {
      finish(ask, null, e);
      return;
    }
    if (responder == null) {
      unhandled(commandName, ask);
      return;
    }
    if (responder instanceof ImmediateBoxResponder immediate) {
      // The usual case (generated locators of methods that return their answer): no future.
      AmpBox result;
      try {
        result = immediate.respondNow(box);
      } catch (Throwable t) {
        finish(ask, null, t);
        rethrowIfFatal(t);
        return;
      }
      finish(ask, result, null);
      return;
    }
    CompletionStage<AmpBox> stage;
    try {
      if (!(responder instanceof BlockingResponder b)) {
        stage = responder.respond(box);
      } else {
        // Declared blocking, on a dispatcher whose endpoint added no hooks (they would have
        // wrapped it): the default executor.
        stage = CallHooks.DEFAULT.runBlocking(() -> b.delegate().respond(box), name);
      }
      Objects.requireNonNull(stage, "responder returned null");
    } catch (Throwable t) {
      finish(ask, null, t);
      rethrowIfFatal(t);
      return;
    }
    CompletableFuture<AmpBox> f = stage instanceof CompletableFuture ? (CompletableFuture<AmpBox>) stage : null;
    if (f != null && f.isDone()) {
      AmpBox result;
      try {
        result = f.join();
      } catch (Throwable t) {
        finish(ask, null, t);
        rethrowIfFatal(unwrap(t));
        return;
      }
      finish(ask, result, null);
    } else {
      // Completes on any thread; the sender is thread-safe.
      peerOutstanding.incrementAndGet();
      stage.whenComplete(
          (result, failure) -> {
            peerOutstanding.decrementAndGet();
            finish(ask, result, failure);
          });
    }
  }

  /**
   * A command no responder handles: Twisted's UNHANDLED error box, the connection kept open. A
   * peer may send these as fast as it can, so no exception is made for them (its stack trace was
   * most of their cost) unless the command wants no answer, which closes the connection.
   */
  private void unhandled(byte[] commandName, byte[] ask) {
    String description = "Unhandled Command: " + PythonRepr.bytes(commandName);
    if (ask == null) {
      UnhandledCommandException e = new UnhandledCommandException(description);
      peerErrors.record(sender, e);
      finish(null, null, e);
      return;
    }
    peerErrors.record(sender, UnhandledCommandException.class, description);
    sender.sendBox(errorBox(
        ask, AmpKeys.UNHANDLED_ERROR_CODE, description.getBytes(StandardCharsets.UTF_8)));
  }

  /** The error box answering {@code ask}: Twisted's {@code _error}, code and description. */
  private static AmpBox errorBox(byte[] ask, String code, byte[] description) {
    AmpBox error = new AmpBox(3);
    error.put(ERROR, ask);
    error.put(ERROR_CODE, ascii(code));
    error.put(ERROR_DESCRIPTION, description);
    return error;
  }

  /** The peer has {@code maxPeerOutstandingCalls} commands waiting already: this one is not run. */
  private void refusePeerCommand(byte[] commandName, byte[] ask) {
    String description =
        "outstanding calls: " + peerOutstanding.get() + " (expected: fewer than "
            + maxPeerOutstandingCalls + "); " + PythonRepr.bytes(commandName) + " not run";
    logger.debug("refusing a command of the peer: {}", description);
    // With _ask: a non-fatal error box, the connection stays open. Without: Twisted closes the
    // connection when a command that wants no answer fails, and so does finish().
    finish(ask, null, new RemoteAmpException(AmpTooManyCallsException.ERROR_CODE, description));
  }

  /** Sends the answer or the error for a command whose {@code _ask} was {@code ask} (or none). */
  private void finish(byte[] ask, AmpBox result, Throwable failure) {
    failure = unwrap(failure);
    if (failure instanceof CallRejectedException r) {
      // Refused (blocking executor full, or an interceptor): a non-fatal error code, as declared.
      logger.debug("{}: refused a command of the peer: {}", sender, r.getMessage());
      failure = new RemoteAmpException(r.errorCode(), r.getMessage());
    }
    if (failure == null && result == null && ask != null) {
      failure = new AmpArgumentException("responder returned no box (expected: a response)");
    }
    boolean peersFault = failure instanceof PeerInputException;
    if (peersFault) {
      peerErrors.record(sender, failure.getCause());
      failure = failure.getCause();
    }
    if (failure instanceof VirtualMachineError) {
      // Nothing about it goes to the peer, not even UNKNOWN (building a box may fail too): the
      // connection closes, and the caller on the event loop rethrows it.
      logger.error("{}: {} in a responder; closing the connection", sender, failure.toString());
      sender.unhandledError(failure);
      return;
    }
    if (ask == null) {
      if (failure != null) {
        // Twisted: any failure of a command that wants no answer drops the connection.
        if (peersFault || failure instanceof RemoteAmpException) {
          logger.debug("command without _ask failed; closing the connection", failure);
        } else {
          logger.warn(
              "{}: undeclared exception in a responder of a command without _ask; closing",
              sender,
              failure);
        }
        sender.unhandledError(failure);
      }
      return;
    }
    if (failure == null) {
      result.put(ANSWER, ask);
      sender.sendBox(result);
      return;
    }
    if (failure instanceof RemoteAmpException) {
      RemoteAmpException remote = (RemoteAmpException) failure;
      sender.sendBox(errorBox(
          ask, remote.errorCode(), remote.description().getBytes(StandardCharsets.UTF_8)));
      if (remote.isFatal()) {
        sender.unhandledError(remote);
      }
      return;
    }
    if (!peersFault) {
      logger.warn(
          "{}: undeclared exception in a responder; sending UNKNOWN and closing", sender, failure);
    }
    sender.sendBox(errorBox(ask, AmpKeys.UNKNOWN_ERROR_CODE, ascii(AmpKeys.UNKNOWN_ERROR_DESCRIPTION)));
    sender.unhandledError(failure);
  }

  @Override
  public void stopReceivingBoxes(Throwable reason) {
    if (stopped != null) {
      return;
    }
    stopped = reason == null ? new AmpConnectionLostException("connection closed", null) : reason;
    peerErrors.summarize(sender);
    if (pending.isEmpty()) {
      return;
    }
    List<PendingCall> calls = new ArrayList<>(pending.values());
    pending.clear();
    AmpConnectionLostException e = lost(stopped);
    for (PendingCall call : calls) {
      try {
        call.connectionLost(e);
      } catch (RuntimeException ex) {
        logger.warn("pending call callback failed", ex);
      }
    }
  }

  private static AmpConnectionLostException lost(Throwable reason) {
    if (reason instanceof AmpConnectionLostException) {
      return (AmpConnectionLostException) reason;
    }
    return new AmpConnectionLostException("connection lost: " + reason.getMessage(), reason);
  }

  /** A VM error is not swallowed: rethrown once the connection is closing. */
  private static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError e) {
      throw e;
    }
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The command name as text, or null if it is not UTF-8. */
  private String commandName(byte[] b) {
    if (b == lastCommand || Arrays.equals(b, lastCommand)) {
      return lastCommandName;
    }
    String name = utf8OrNull(b);
    lastCommand = b;
    lastCommandName = name;
    return name;
  }

  private static String utf8OrNull(byte[] b) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
