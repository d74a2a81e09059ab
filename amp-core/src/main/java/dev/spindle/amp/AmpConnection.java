package dev.spindle.amp;

import dev.spindle.amp.exceptions.AmpTooManyCallsException;
import dev.spindle.amp.exceptions.NoEmptyBoxesException;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.exceptions.UnknownRemoteException;
import dev.spindle.amp.exceptions.UnhandledCommandException;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.amp.exceptions.AmpTlsHandshakeException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.exceptions.ProtocolSwitchedException;
import dev.spindle.amp.exceptions.AmpConnectionLostException;
import dev.spindle.amp.exceptions.AmpTimeoutException;
import dev.spindle.amp.exceptions.AmpException;
import dev.spindle.amp.exceptions.AmpBackpressureException;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.box.BoxSender;
import dev.spindle.amp.command.CommandSpec;
import dev.spindle.amp.command.Request;
import dev.spindle.amp.dispatch.BoxDispatcher;
import dev.spindle.amp.internal.AmpTransport;
import dev.spindle.amp.internal.HookedLocator;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.runtime.CommandSpecs;
import dev.spindle.transport.EndpointBuilder;
import dev.spindle.transport.CallInfo;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.internal.CallHooks;
import dev.spindle.transport.internal.TlsSupport;
import dev.spindle.amp.locator.CommandLocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SslContext;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.Function;
import javax.net.ssl.SSLSession;

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
 * <p>Deadlines and cancellation: a call waits for its answer at most the connection's {@code
 * callTimeout} (builder option; none by default), or what {@link #withTimeout} sets, then fails
 * with {@link AmpTimeoutException}. Cancelling the returned future ({@code cancel(true)} or
 * {@code cancel(false)}) forgets the call: if it was not sent yet it never is. Either way the
 * answer, if it comes later, is dropped. The timer runs on the connection's event loop; a call
 * without a timeout has none. At most {@code maxOutstandingCalls} calls wait for answers at once;
 * one more fails at once with {@link AmpTooManyCallsException}, nothing sent.
 *
 * <p>Backpressure: a connection buffers what the peer has not read yet only up to its write
 * high-water mark ({@link AmpEndpointBuilder#writeBufferWaterMark}), give or take one write batch
 * of at most 16 KiB (boxes written in one loop turn are encoded into one buffer). Above it, {@link
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
  /** The command name of Twisted's {@code amp.StartTLS}. */
  static final String START_TLS = StreamSwitch.START_TLS;

  private final AmpTransport handler;
  private final BoxDispatcher dispatcher;
  private final StreamSwitch switches;
  /** The last command name sent and its UTF-8 bytes; racy but immutable, so safe to share. */
  private NameBytes lastName;
  /** Nanoseconds a call waits for its answer; 0: no limit. */
  private final long timeoutNanos;

  AmpConnection(AmpTransport handler, BoxDispatcher dispatcher) {
    this(handler, dispatcher, 0);
  }

  AmpConnection(AmpTransport handler, BoxDispatcher dispatcher, long timeoutNanos) {
    this(handler, dispatcher, timeoutNanos, new StreamSwitch(handler, dispatcher));
  }

  private AmpConnection(AmpTransport handler, BoxDispatcher dispatcher, long timeoutNanos, StreamSwitch switches) {
    this.handler = handler;
    this.dispatcher = dispatcher;
    this.timeoutNanos = timeoutNanos;
    this.switches = switches;
  }

  /**
   * Returns a view of this connection whose calls wait at most {@code timeout} for their answer,
   * then fail with {@link AmpTimeoutException}; {@link Duration#ZERO} means no limit. Everything
   * else is shared with this connection (closing one closes both). Cheap: make one per call if
   * you like. Thread-safe.
   *
   * <pre>{@code
   * long total = connection.withTimeout(Duration.ofSeconds(2)).callRemote(new Sum(1, 2)).join().total();
   * }</pre>
   *
   * @param timeout how long each call waits for its answer; {@link Duration#ZERO} for no limit
   * @return a view sharing this connection, with that timeout
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public AmpConnection withTimeout(Duration timeout) {
    long nanos = timeoutNanos(timeout, "timeout");
    return new AmpConnection(handler, dispatcher, nanos, switches);
  }

  /**
   * The timeout of this connection's (or view's) calls; {@link Duration#ZERO} if none.
   *
   * @return the call timeout, never null; {@link Duration#ZERO} if calls wait without limit
   */
  public Duration timeout() {
    return Duration.ofNanos(timeoutNanos);
  }

  static long timeoutNanos(Duration timeout, String name) {
    return EndpointBuilder.timeoutNanos(timeout, name);
  }


  /**
   * Calls {@code command} on the peer. The future completes with the response (null for {@code
   * Request<Void>} and for commands that want no answer, once the box is handed to the transport),
   * or fails with the command's declared exception, {@link UnhandledCommandException}, {@link
   * UnknownRemoteException}, {@link AmpArgumentException} or {@link AmpConnectionLostException}.
   *
   * @param <R> the command's response type ({@code Void} for a command that answers with an empty
   *     box)
   * @param command the command to call, with its arguments; not null
   * @return a future that completes with the response, or exceptionally with one of the errors
   *     above
   * @throws AmpException if {@code command}'s class has no generated spec
   */
  public <R> CompletableFuture<R> callRemote(Request<R> command) {
    Objects.requireNonNull(command, "command");
    return callRemote(CommandSpecs.forCommand(command), command);
  }

  /**
   * Calls {@code command} on the peer using an explicit {@code spec}. See {@link
   * #callRemote(Request)}.
   *
   * @param <C> the command type
   * @param <R> the command's response type
   * @param spec the command's spec: its name, argument and response codecs, and declared errors
   * @param command the command to call, with its arguments
   * @return a future that completes with the response, or exceptionally as for {@link
   *     #callRemote(Request)}
   */
  public <C extends Request<R>, R> CompletableFuture<R> callRemote(CommandSpec<C, R> spec, C command) {
    AmpCall.Typed<C, R> call = new AmpCall.Typed<>(this, spec);
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
   * raw answer box ({@code _answer} included, as in Twisted). Every error box fails it: {@code
   * UNHANDLED} (no responder for the command) with an {@link UnhandledCommandException}, any other
   * code with a {@link RemoteAmpException} carrying the code and description (the former is a
   * subclass of the latter). The name is sent as UTF-8; {@code
   * arguments} is copied, so the caller keeps it. Twisted equivalent: {@code callRemoteString}.
   *
   * @param commandName the command's name, as the peer's locator knows it; not null
   * @param arguments the argument box, without {@code _command} or {@code _ask}; not null, copied
   * @param requiresAnswer if false no {@code _ask} is sent and the future completes with null
   * @return a future that completes with the answer box (null if no answer is wanted), or
   *     exceptionally with the peer's error
   */
  public CompletableFuture<AmpBox> callRemoteString(
      String commandName, AmpBox arguments, boolean requiresAnswer) {
    Objects.requireNonNull(commandName, "commandName");
    Objects.requireNonNull(arguments, "arguments");
    AmpCall.Raw call = new AmpCall.Raw(this, commandName);
    // A copy: the caller keeps its box, and may reuse it while this call is queued.
    send(commandName, arguments.copy(), call, requiresAnswer);
    return call;
  }

  /**
   * Calls {@code commandName} with {@code arguments}, wanting an answer.
   *
   * @param commandName the command's name; not null
   * @param arguments the argument box; not null, copied
   * @return a future that completes with the answer box, or exceptionally as for {@link
   *     #callRemoteString(String, AmpBox, boolean)}
   */
  public CompletableFuture<AmpBox> callRemoteString(String commandName, AmpBox arguments) {
    return callRemoteString(commandName, arguments, true);
  }

  /**
   * The connection as listeners and interceptors see it (id, peer, avatar id after a login,
   * counts), or null when the endpoint observes nothing ({@code logContext(false)} and no
   * interceptor, listener or blocking option).
   *
   * @return the connection's description for listeners and interceptors, or null if nothing
   *     observes it
   */
  public ConnectionInfo connectionInfo() {
    return handler.connectionInfo();
  }

  private void send(
      String commandName, AmpBox box, CompletableFuture<?> future, boolean requiresAnswer) {
    if (dispatcher == null) {
      future.completeExceptionally(
          new IllegalStateException("this connection's boxes go to a custom BoxReceiver; use boxSender()"));
      return;
    }
    CallHooks hooks = handler.hooks();
    if (hooks != null && hooks.interceptsClient()) {
      CallInfo info = new CallInfo(CallInfo.AMP, CallInfo.Side.CLIENT, "amp", commandName, box, null,
          handler.connectionInfo(), this, new HookedLocator.BoxHeaders(box));
      CompletionStage<?> s = hooks.interceptClient(info, () -> {
        send0(commandName, box, future, requiresAnswer);
        return future;
      });
      if (s != future) {
        s.whenComplete((v, e) -> {
          if (e != null) {
            future.completeExceptionally(e instanceof java.util.concurrent.CompletionException
                && e.getCause() != null ? e.getCause() : e);
          }
        });
      }
      return;
    }
    send0(commandName, box, future, requiresAnswer);
  }

  private void send0(
      String commandName, AmpBox box, CompletableFuture<?> future, boolean requiresAnswer) {
    byte[] name = nameBytes(commandName);
    if (name.length > AmpKeys.MAX_VALUE_LENGTH) {
      future.completeExceptionally(TooLongException.localValue(COMMAND_KEY, name.length));
      return;
    }
    if (!handler.handler().isWritable() && isOpen()) { // a closed one fails below, with its cause
      future.completeExceptionally(new AmpBackpressureException(handler.pendingWriteBytes()));
      return;
    }
    // The call is its own loop task: one object per call besides the box.
    AmpCall<?> call = (AmpCall<?>) future;
    call.queuedBytes = box.encodedLength() + name.length + 20; // with _command, _ask and lengths
    call.name = name;
    call.box = box;
    call.requiresAnswer = requiresAnswer;
    call.deadline = requiresAnswer && timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
    handler.handler().execute(call);
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
   * Asks the peer to start TLS with Twisted's {@code StartTLS} command (what {@code
   * callRemote(amp.StartTLS, tls_localCertificate=..., tls_verifyAuthorities=...)} does in Twisted).
   * The command box goes out in plain text and boxes sent after it are held; once the peer's answer
   * arrives, TLS starts with {@code context} and the held boxes go out encrypted. The future
   * completes with the TLS session once the handshake is done.
   *
   * <p>The side that opened the TCP connection is the TLS client, whichever side asks (as in
   * Twisted 22.4): on a connection from {@link AmpClient} pass a client context, on one accepted by
   * {@link AmpServer} a server context. A client context verifies the peer's certificate chain and,
   * unless the client was built with {@link AmpClient.Builder#insecureSkipHostnameVerification()},
   * that it names the host connected to. Note that a Twisted peer that accepted the TCP connection
   * and starts TLS itself may misread the TLS bytes that follow its answer (Twisted issue #5690).
   *
   * <p>The future fails with an {@link IllegalStateException} if TLS is already on (Twisted's
   * {@code OnlyOneTLS}), an {@link IllegalArgumentException} for a context of the wrong side, the
   * peer's error ({@link UnhandledCommandException}, {@link RemoteAmpException}) or a {@link
   * AmpTlsHandshakeException}; after an error answer or a failed handshake the connection is closed
   * (the boxes sent meanwhile are never sent in plain text).
   *
   * @param context the TLS context of this connection's side: a client context on a connection this
   *     side opened, else a server one
   * @return a future that completes with the TLS session once the handshake is done, or
   *     exceptionally as described above
   */
  public CompletableFuture<SSLSession> startTls(SslContext context) {
    return switches.startTls(context);
  }

  /** The responder of Twisted's {@code StartTLS}; see {@link StreamSwitch#startTlsResponder}. */
  BoxResponder startTlsResponder(SslContext context) {
    return switches.startTlsResponder(context);
  }

  /**
   * The TLS session once TLS is on and its handshake done (from the first byte or after StartTLS),
   * else null: the peer's certificates are {@code getPeerCertificates()}. Twisted: {@code
   * peerCertificate}.
   *
   * @return the TLS session, or null before TLS is on and its handshake done
   */
  public SSLSession sslSession() {
    return TlsSupport.session(handler.channel());
  }

  /**
   * Calls {@code commandName} and, once the peer answers, hands the connection's byte stream to
   * {@code protocol}: Twisted's {@code ProtocolSwitchCommand} from the calling side. No other box
   * may be sent once the command is (calls fail with a {@link ProtocolSwitchedException}). On the
   * answer, {@code protocol} takes the AMP handlers' place in the pipeline (after any TLS handler,
   * so the connection stays secured); the bytes already read past the answer are its first {@code
   * channelRead}; calls still waiting fail with a {@link ProtocolSwitchedException}. The channel is
   * already active when {@code protocol} is added: start it in {@code handlerAdded}. If the peer
   * answers with an error instead, the future fails with it and AMP goes on.
   *
   * <p>The future completes with the answer box, on the event loop, after the switch.
   *
   * @param commandName the name of the peer's protocol-switching command; not null
   * @param arguments the command's arguments (copied)
   * @param protocol the handler that takes over the byte stream once the peer answers
   * @return a future that completes with the answer box after the switch, or exceptionally with the
   *     peer's error
   */
  public CompletableFuture<AmpBox> switchProtocol(
      String commandName, AmpBox arguments, ChannelHandler protocol) {
    return switches.switchProtocol(commandName, arguments, protocol);
  }

  /**
   * A responder for a command that switches protocols: Twisted's {@code ProtocolSwitchCommand}
   * from the answering side. It asks {@code protocolFactory} for the new protocol (given the
   * command's box), answers with an empty box (as Twisted's {@code _SwitchBox}) and, right after
   * the answer is sent, hands the byte stream to that protocol, as {@link #switchProtocol} does.
   * If the factory throws, the peer gets the error and AMP goes on. Use it from a locator factory:
   *
   * <pre>{@code
   * .locatorFactory(c -> name -> name.equals("SwitchToLines")
   *     ? c.protocolSwitchResponder(box -> new LineEcho())
   *     : null)
   * }</pre>
   *
   * @param protocolFactory makes the new protocol's handler from the command's box; called on the
   *     event loop, it may throw to refuse the switch
   * @return a responder to return from this connection's locator for the switching command
   */
  public BoxResponder protocolSwitchResponder(
      Function<AmpBox, ? extends ChannelHandler> protocolFactory) {
    return switches.protocolSwitchResponder(protocolFactory);
  }

  /**
   * The locator that answers the peer's commands on this connection: the one the builder's {@code
   * locatorFactory} built for it (the factory runs once per connection, on its event loop, with
   * this very connection, before {@code AmpClient.connect} completes or {@code onConnection} is
   * called), or the one given to {@code locator(...)}; {@link CommandLocator#NONE} if none. Null
   * if the connection's boxes go to a {@link dev.spindle.amp.box.BoxReceiver}. A client finds its
   * per-connection responder object this way:
   *
   * <pre>{@code
   * AmpClient client = AmpClient.builder()
   *     .locatorFactory(c -> new Session_AmpLocator(new Session(), c))
   *     .build();
   * AmpConnection c = client.connect("127.0.0.1", port).join();
   * Session session = c.locator(Session_AmpLocator.class).target();
   * }</pre>
   *
   * @return the connection's locator, {@link CommandLocator#NONE} if it has none, or null if a
   *     {@code BoxReceiver} takes its boxes
   */
  public CommandLocator locator() {
    if (dispatcher == null) {
      return null;
    }
    CommandLocator locator = dispatcher.locator();
    return locator instanceof AmpSetup.LazyLocator lazy ? lazy.delegate : locator;
  }

  /**
   * {@link #locator()} as a {@code type}, typically the generated {@code <Class>_AmpLocator}.
   *
   * @param <L> the locator's type
   * @param type the class the locator is expected to be an instance of
   * @return the connection's locator, cast to {@code type}
   * @throws IllegalStateException if the locator is not a {@code type}
   */
  public <L extends CommandLocator> L locator(Class<L> type) {
    CommandLocator locator = locator();
    if (!type.isInstance(locator)) {
      throw new IllegalStateException("this connection's locator is "
          + (locator == null ? "null (a BoxReceiver takes its boxes)" : locator.getClass().getName())
          + ", not a " + type.getName());
    }
    return type.cast(locator);
  }

  /**
   * The connection's event loop as an {@link Executor}: tasks run on the thread that runs this
   * connection's responders and completes its futures, in order, so they need no locks with
   * them. Do not block in them.
   *
   * @return an executor that runs tasks on this connection's event loop
   */
  public Executor executor() {
    return eventLoop();
  }

  /**
   * Runs {@code task} on the connection's event loop after {@code delay} and completes the
   * returned future with its result, or its exception (Twisted's {@code deferLater(reactor,
   * delay, f)}): a timer for asynchronous responders that stays on the connection's thread, unlike
   * {@code CompletableFuture.delayedExecutor}, which runs on the common pool. Cancelling the
   * future cancels the timer. The task runs even if the connection has closed meanwhile; it fails
   * with {@link java.util.concurrent.RejectedExecutionException} if the event loops shut down.
   *
   * <pre>{@code
   * @Responder CompletionStage<Slow.Result> slow(Slow s, AmpConnection c) {
   *   return c.schedule(s.millis(), TimeUnit.MILLISECONDS, () -> new Slow.Result("done"));
   * }
   * }</pre>
   *
   * @param <T> the task's result type
   * @param delay how long to wait before running the task, in {@code unit}s; zero or negative runs
   *     it on the next loop turn
   * @param unit the unit of {@code delay}; not null
   * @param task computes the result on the event loop; not null
   * @return a future that completes with the task's result, or exceptionally with what it threw
   */
  public <T> CompletableFuture<T> schedule(long delay, TimeUnit unit, Supplier<? extends T> task) {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(task, "task");
    CompletableFuture<T> result = new CompletableFuture<>();
    ScheduledFuture<?> timer;
    try {
      timer = eventLoop().schedule(() -> {
        if (result.isDone()) {
          return;
        }
        try {
          result.complete(task.get());
        } catch (Throwable t) {
          result.completeExceptionally(t);
        }
      }, delay, unit);
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(e);
      return result;
    }
    result.whenComplete((v, t) -> {
      if (result.isCancelled()) {
        timer.cancel(false);
      }
    });
    return result;
  }

  private EventLoop eventLoop() {
    Channel ch = handler.channel();
    if (ch == null) {
      throw new IllegalStateException("this connection is not attached to a channel yet");
    }
    return ch.eventLoop();
  }

  /** The channel handler (for this package's calls and tests). */
  AmpTransport handler() {
    return handler;
  }

  /** The dispatcher; null when a {@link dev.spindle.amp.box.BoxReceiver} takes the boxes. */
  BoxDispatcher dispatcher() {
    return dispatcher;
  }

  /** Nanoseconds this connection's (or view's) calls wait for their answer; 0: no limit. */
  long timeoutNanos() {
    return timeoutNanos;
  }

  /**
   * The box-level sender of this connection, to send hand-made boxes. Thread-safe. Twisted
   * equivalent: {@code IBoxSender}.
   *
   * @return the connection's box sender, never null
   */
  public BoxSender boxSender() {
    return handler;
  }

  /**
   * True while the connection takes more calls: what waits to be written (Netty's outbound buffer
   * and calls queued from other threads) is below the write high-water mark, or, once above it,
   * has drained below the low-water mark. While false, calls fail with {@link
   * AmpBackpressureException}. False once the connection is closed. Thread-safe.
   *
   * @return true if a call made now would not fail with {@link AmpBackpressureException}
   */
  public boolean isWritable() {
    return handler.handler().isWritable();
  }

  /**
   * Completes when the connection {@link #isWritable() is writable} (at once if it is now), or
   * fails with {@link AmpConnectionLostException} if it closes first: for a producer that waits
   * instead of meeting {@link AmpBackpressureException}. Completes on the event loop (do not
   * block there); another producer may fill the buffer again before this one calls. Thread-safe.
   *
   * @return a stage that completes once the connection is writable, or exceptionally if it closes
   *     first
   */
  public CompletionStage<Void> whenWritable() {
    return handler.handler().whenWritable().minimalCompletionStage();
  }

  /**
   * Closes the connection after what was sent is flushed; completes when it is closed.
   *
   * @return a stage that completes (normally, even after a protocol error) once the connection is
   *     closed
   */
  public CompletionStage<Void> close() {
    handler.handler().close(null);
    return closeFuture().exceptionally(t -> null);
  }

  /**
   * Completes when the connection is closed: normally for an orderly close by either side, or
   * exceptionally with the protocol error that made this side close it (for example a {@link
   * TooLongException} or {@link NoEmptyBoxesException} from the peer's bytes).
   *
   * @return a stage that completes once the connection is closed, exceptionally if a protocol error
   *     closed it
   */
  public CompletionStage<Void> closeFuture() {
    return handler.handler().closeFuture().minimalCompletionStage();
  }

  /**
   * True once the connection is established, until it closes or starts closing: {@link #close()}
   * on either side, a protocol error, a limit (time, memory, keepalive) or the loss of the TCP
   * connection, or a protocol switch
   * ({@link #switchProtocol}) that hands the channel to another protocol. {@link #closeFuture()} completes later, once it is closed. AMP and PB connections
   * answer alike. Thread-safe.
   *
   * @return true while the connection is open and not closing
   */
  public boolean isOpen() {
    return handler.handler().isConnectionOpen();
  }

  /**
   * The number of this side's calls waiting for their answer; exact on the event loop.
   *
   * @return the number of calls waiting for an answer; 0 if a {@code BoxReceiver} takes the boxes
   */
  public int pendingCallCount() {
    return dispatcher == null ? 0 : dispatcher.pendingCallCount();
  }

  /**
   * The local address.
   *
   * @return the local socket address of the connection's channel
   */
  public SocketAddress localAddress() {
    return handler.channel().localAddress();
  }

  /**
   * The peer's address.
   *
   * @return the peer's socket address
   */
  public SocketAddress remoteAddress() {
    return handler.channel().remoteAddress();
  }

  @Override
  public String toString() {
    Channel ch = handler.channel();
    return "AmpConnection{" + (ch == null ? "unbound" : ch.localAddress() + " -> " + ch.remoteAddress()) + "}";
  }
}
