package dev.spindle.amp;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.box.BoxSender;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.command.CommandSpecs;
import dev.spindle.amp.command.Request;
import dev.spindle.amp.dispatch.BoxDispatcher;
import dev.spindle.amp.internal.AmpChannelHandler;
import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One AMP connection, from either end: call the peer's commands with {@link #callRemote}, while
 * the connection's locator answers the peer's calls.
 *
 * <p>Thread-safe: calls may be made from any thread. Arguments are serialized on the calling
 * thread (so a bad argument fails the call before anything is sent); the box is then handed to the
 * connection's event loop, which tags, writes and flushes in batches. Futures complete on the
 * event loop: do not block in their callbacks. Twisted equivalent: an {@code AMP} protocol
 * instance.
 *
 * <p>Backpressure: a connection buffers what the peer has not read yet only up to its write
 * high-water mark ({@link AmpEndpointBuilder#writeBufferWaterMark}). Above it, {@link
 * #isWritable()} is false, calls fail at once with {@link AmpBackpressureException} (nothing is
 * sent; they may be retried), and the connection stops reading the peer's commands until the
 * buffer drains below the low-water mark, so a peer that sends commands without reading the
 * answers cannot make this side grow without bound. Failing fast is the default because a
 * silently growing queue is the failure this guards against; a producer that would rather wait
 * checks {@link #isWritable()} or waits on {@link #whenWritable()} before each call. Answers to
 * the peer's commands are never refused: they are what the paused reading bounds. While this
 * side itself waits for answers from the peer it keeps reading up to twice the high-water mark,
 * so that two peers calling each other cannot both stop reading and wait for each other forever.
 * The connection turns {@code autoRead} off and on for this; an application that also sets it
 * should not expect its setting to survive a pause.
 */
public final class AmpConnection {
  private static final byte[] COMMAND_KEY = AmpKeys.COMMAND.getBytes(StandardCharsets.US_ASCII);

  private final AmpChannelHandler handler;
  private final BoxDispatcher dispatcher;

  AmpConnection(AmpChannelHandler handler, BoxDispatcher dispatcher) {
    this.handler = handler;
    this.dispatcher = dispatcher;
  }

  /**
   * Calls {@code command} on the peer. The future completes with the response (null for {@code
   * Request<Void>} and for commands that want no answer, once the box is handed to the transport),
   * or fails with the command's declared exception, {@link UnhandledCommandException}, {@link
   * UnknownRemoteException}, {@link AmpArgumentException} or {@link ConnectionLostException}.
   *
   * @throws AmpException if {@code command}'s class has no generated spec
   */
  public <R> CompletableFuture<R> callRemote(Request<R> command) {
    Objects.requireNonNull(command, "command");
    return callRemote(CommandSpecs.forCommand(command), command);
  }

  /** Calls {@code command} on the peer using an explicit {@code spec}. See {@link #callRemote(Request)}. */
  public <C extends Request<R>, R> CompletableFuture<R> callRemote(CommandSpec<C, R> spec, C command) {
    TypedCall<C, R> call = new TypedCall<>(spec);
    AmpBox box = new AmpBox();
    try {
      spec.arguments().write(command, box);
    } catch (RuntimeException e) {
      call.completeExceptionally(e);
      return call;
    }
    send(spec.commandName(), box, call, spec.requiresAnswer());
    return call;
  }

  /**
   * Calls the command {@code commandName} with the raw {@code arguments} box and completes with the
   * raw answer box ({@code _answer} included, as in Twisted). An error code other than {@code
   * UNHANDLED} fails it with a {@link RemoteAmpException}. The name is sent as UTF-8; {@code
   * arguments} is copied, so the caller keeps it. Twisted equivalent: {@code callRemoteString}.
   *
   * @param requiresAnswer if false no {@code _ask} is sent and the future completes with null
   */
  public CompletableFuture<AmpBox> callRemoteString(
      String commandName, AmpBox arguments, boolean requiresAnswer) {
    Objects.requireNonNull(commandName, "commandName");
    Objects.requireNonNull(arguments, "arguments");
    RawCall call = new RawCall();
    // A copy: the caller keeps its box, and may reuse it while this call is queued.
    send(commandName, arguments.copy(), call, requiresAnswer);
    return call;
  }

  /** Calls {@code commandName} with {@code arguments}, wanting an answer. */
  public CompletableFuture<AmpBox> callRemoteString(String commandName, AmpBox arguments) {
    return callRemoteString(commandName, arguments, true);
  }

  private void send(
      String commandName, AmpBox box, CompletableFuture<?> future, boolean requiresAnswer) {
    if (dispatcher == null) {
      future.completeExceptionally(
          new IllegalStateException("this connection's boxes go to a custom BoxReceiver; use boxSender()"));
      return;
    }
    byte[] name = commandName.getBytes(StandardCharsets.UTF_8);
    if (name.length > AmpKeys.MAX_VALUE_LENGTH) {
      future.completeExceptionally(TooLongException.localValue(COMMAND_KEY, name.length));
      return;
    }
    if (!handler.isWritable() && isOpen()) { // a closed one fails below, with its cause
      future.completeExceptionally(new AmpBackpressureException(handler.pendingWriteBytes()));
      return;
    }
    BoxDispatcher.PendingCall pending = requiresAnswer ? (BoxDispatcher.PendingCall) future : null;
    int bytes = box.encodedLength() + name.length + 20; // with _command, _ask and their lengths
    handler.execute(
        new AmpChannelHandler.LoopTask() {
          @Override
          public int queuedBytes() {
            return bytes;
          }

          @Override
          public void run(AmpChannelHandler h) {
            if (dispatcher.sendCommand(name, box, pending) && !requiresAnswer) {
              future.complete(null);
            } else if (!requiresAnswer && !future.isDone()) {
              future.completeExceptionally(new ConnectionLostException("connection closed", null));
            }
          }

          @Override
          public void fail(Throwable cause) {
            future.completeExceptionally(cause);
          }
        });
  }

  /** The channel handler; for tests in this package. */
  AmpChannelHandler handler() {
    return handler;
  }

  /**
   * The box-level sender of this connection, to send hand-made boxes. Thread-safe. Twisted
   * equivalent: {@code IBoxSender}.
   */
  public BoxSender boxSender() {
    return handler;
  }

  /**
   * True while the connection takes more calls: what waits to be written (Netty's outbound buffer
   * and calls queued from other threads) is below the write high-water mark, or, once above it,
   * has drained below the low-water mark. While false, calls fail with {@link
   * AmpBackpressureException}. False once the connection is closed. Thread-safe.
   */
  public boolean isWritable() {
    return handler.isWritable();
  }

  /**
   * Completes when the connection {@link #isWritable() is writable} (at once if it is now), or
   * fails with {@link ConnectionLostException} if it closes first: for a producer that waits
   * instead of meeting {@link AmpBackpressureException}. Completes on the event loop (do not
   * block there); another producer may fill the buffer again before this one calls. Thread-safe.
   */
  public CompletionStage<Void> whenWritable() {
    return handler.whenWritable().minimalCompletionStage();
  }

  /** Closes the connection after what was sent is flushed; completes when it is closed. */
  public CompletionStage<Void> close() {
    handler.close();
    return closeFuture().exceptionally(t -> null);
  }

  /**
   * Completes when the connection is closed: normally for an orderly close by either side, or
   * exceptionally with the protocol error that made this side close it (for example a {@link
   * TooLongException} or {@link NoEmptyBoxesException} from the peer's bytes).
   */
  public CompletionStage<Void> closeFuture() {
    return handler.closeFuture().minimalCompletionStage();
  }

  /** Returns true until the connection is closed. */
  public boolean isOpen() {
    Channel ch = handler.channel();
    return ch != null && ch.isActive();
  }

  /** The local address. */
  public SocketAddress localAddress() {
    return handler.channel().localAddress();
  }

  /** The peer's address. */
  public SocketAddress remoteAddress() {
    return handler.channel().remoteAddress();
  }

  @Override
  public String toString() {
    Channel ch = handler.channel();
    return "AmpConnection{" + (ch == null ? "unbound" : ch.localAddress() + " -> " + ch.remoteAddress()) + "}";
  }

  /** A typed call: the future of the response, and the dispatcher's callback for its answer. */
  private static final class TypedCall<C extends Request<R>, R> extends CompletableFuture<R>
      implements BoxDispatcher.PendingCall {
    private final CommandSpec<C, R> spec;

    TypedCall(CommandSpec<C, R> spec) {
      this.spec = spec;
    }

    @Override
    public void answer(AmpBox box) {
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
    public void error(String code, String description) {
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

    @Override
    public void connectionLost(ConnectionLostException e) {
      completeExceptionally(e);
    }
  }

  /** A box-level call. */
  private static final class RawCall extends CompletableFuture<AmpBox>
      implements BoxDispatcher.PendingCall {
    @Override
    public void answer(AmpBox box) {
      complete(box);
    }

    @Override
    public void error(String code, String description) {
      completeExceptionally(
          AmpKeys.UNHANDLED_ERROR_CODE.equals(code)
              ? new UnhandledCommandException(description)
              : new RemoteAmpException(code, description));
    }

    @Override
    public void connectionLost(ConnectionLostException e) {
      completeExceptionally(e);
    }
  }
}
