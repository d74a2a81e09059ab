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
 */
public final class AmpConnection {
  private static final byte[] COMMAND_KEY = AmpKeys.COMMAND.getBytes(StandardCharsets.US_ASCII);

  private final AmpChannelHandler handler;
  private final BoxDispatcher dispatcher;
  /** The last command name sent and its UTF-8 bytes; racy but immutable, so safe to share. */
  private NameBytes lastName;

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
    byte[] name = nameBytes(commandName);
    if (name.length > AmpKeys.MAX_VALUE_LENGTH) {
      future.completeExceptionally(TooLongException.localValue(COMMAND_KEY, name.length));
      return;
    }
    // The call is its own loop task: one object per call besides the box.
    Call<?> call = (Call<?>) future;
    call.dispatcher = dispatcher;
    call.name = name;
    call.box = box;
    call.requiresAnswer = requiresAnswer;
    handler.execute(call);
  }

  private byte[] nameBytes(String commandName) {
    NameBytes last = lastName;
    if (last != null && (last.name == commandName || last.name.equals(commandName))) {
      return last.bytes;
    }
    byte[] bytes = commandName.getBytes(StandardCharsets.UTF_8);
    lastName = new NameBytes(commandName, bytes);
    return bytes;
  }

  private record NameBytes(String name, byte[] bytes) {}

  /**
   * The box-level sender of this connection, to send hand-made boxes. Thread-safe. Twisted
   * equivalent: {@code IBoxSender}.
   */
  public BoxSender boxSender() {
    return handler;
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

  /**
   * One call: its future, the loop task that sends it, and the dispatcher's callback for its
   * answer. The send fields are set before the task is handed to the loop, which publishes them.
   */
  private abstract static class Call<T> extends CompletableFuture<T>
      implements BoxDispatcher.PendingCall, AmpChannelHandler.LoopTask {
    BoxDispatcher dispatcher;
    byte[] name;
    AmpBox box;
    boolean requiresAnswer;

    @Override
    public void run(AmpChannelHandler h) {
      AmpBox b = box;
      box = null;
      if (dispatcher.sendCommand(name, b, requiresAnswer ? this : null) && !requiresAnswer) {
        complete(null);
      } else if (!requiresAnswer && !isDone()) {
        completeExceptionally(new ConnectionLostException("connection closed", null));
      }
    }

    @Override
    public void fail(Throwable cause) {
      box = null;
      completeExceptionally(cause);
    }
  }

  /** A typed call. */
  private static final class TypedCall<C extends Request<R>, R> extends Call<R> {
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
  private static final class RawCall extends Call<AmpBox> {
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
