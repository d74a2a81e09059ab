package dev.spindle.amp;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.command.Request;
import dev.spindle.amp.dispatch.BoxDispatcher;
import dev.spindle.amp.exceptions.AmpConnectionLostException;
import dev.spindle.amp.exceptions.AmpException;
import dev.spindle.amp.exceptions.AmpTimeoutException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.exceptions.UnhandledCommandException;
import dev.spindle.amp.exceptions.UnknownRemoteException;
import dev.spindle.transport.internal.TimedCall;
import dev.spindle.transport.internal.TransportHandler;
import java.time.Duration;

/**
 * One AMP call waiting for its answer (as PB's {@code PbCall}): its future, the loop task that
 * sends it, and the dispatcher's callback for its answer, with its tag once sent; its deadline and
 * cancellation are the shared {@link TimedCall}'s. The send fields are set before the task is
 * handed to the loop, which publishes them; the others are event-loop confined except as noted.
 *
 * @param <T> the call's result
 */
abstract class AmpCall<T> extends TimedCall<T>
    implements BoxDispatcher.PendingCall, TransportHandler.LoopTask {
  private final AmpConnection connection;
  byte[] name;
  AmpBox box;
  boolean requiresAnswer;
  /** {@link System#nanoTime()} by which the answer must come; 0: no limit. */
  long deadline;
  /** What the call will write, counted as pending while it waits in the loop's queue. */
  int queuedBytes;

  AmpCall(AmpConnection connection) {
    this.connection = connection;
  }

  abstract String commandName();

  @Override
  public final int queuedBytes() {
    return queuedBytes;
  }

  /** Sends the call: its loop task. */
  @Override
  public final void run() {
    AmpBox b = box;
    box = null;
    if (requiresAnswer && isDone()) {
      return; // cancelled before it was sent: it never is
    }
    BoxDispatcher dispatcher = connection.dispatcher();
    if (dispatcher.sendCommand(name, b, requiresAnswer ? this : null)) {
      if (!requiresAnswer) {
        complete(null);
      } else {
        sent(connection.handler().channel().eventLoop(), dispatcher.lastTag(), deadline);
      }
    } else if (!requiresAnswer && !isDone()) {
      completeExceptionally(new AmpConnectionLostException("connection closed", null));
    }
  }

  @Override
  public final void fail(Throwable cause) {
    box = null;
    completeExceptionally(cause);
  }

  @Override
  protected final boolean abandon(long tag) {
    return connection.dispatcher().abandon(tag, this);
  }

  @Override
  protected final Throwable timedOut() {
    return new AmpTimeoutException(commandName(), Duration.ofNanos(connection.timeoutNanos()));
  }

  @Override
  protected final TransportHandler transport() {
    return connection.handler().handler();
  }

  @Override
  public final void answer(AmpBox box) {
    settled();
    answered(box);
  }

  @Override
  public final void error(String code, String description) {
    settled();
    failed(code, description);
  }

  @Override
  public final void connectionLost(AmpConnectionLostException e) {
    settled();
    completeExceptionally(e);
  }

  @Override
  public final void refused(AmpException e) {
    completeExceptionally(e);
  }

  abstract void answered(AmpBox box);

  abstract void failed(String code, String description);

  /** A typed call. */
  static final class Typed<C extends Request<R>, R> extends AmpCall<R> {
    private final CommandSpec<C, R> spec;

    Typed(AmpConnection connection, CommandSpec<C, R> spec) {
      super(connection);
      this.spec = spec;
    }

    @Override
    String commandName() {
      return spec.commandName();
    }

    @Override
    void answered(AmpBox box) {
      R response;
      try {
        response = spec.response().read(box);
      } catch (RuntimeException e) {
        completeExceptionally(e);
        return;
      }
      complete(response);
    }

    @Override
    void failed(String code, String description) {
      if (AmpKeys.UNHANDLED_ERROR_CODE.equals(code)) {
        completeExceptionally(new UnhandledCommandException(description));
        return;
      }
      Exception declared;
      try {
        declared = spec.declaredException(code, description);
      } catch (RuntimeException e) {
        declared = e;
      }
      completeExceptionally(declared != null ? declared : new UnknownRemoteException(code, description));
    }
  }

  /** A box-level call. */
  static final class Raw extends AmpCall<AmpBox> {
    private final String commandName;

    Raw(AmpConnection connection, String commandName) {
      super(connection);
      this.commandName = commandName;
    }

    @Override
    String commandName() {
      return commandName;
    }

    @Override
    void answered(AmpBox box) {
      complete(box);
    }

    @Override
    void failed(String code, String description) {
      completeExceptionally(
          AmpKeys.UNHANDLED_ERROR_CODE.equals(code)
              ? new UnhandledCommandException(description)
              : new RemoteAmpException(code, description));
    }
  }
}
