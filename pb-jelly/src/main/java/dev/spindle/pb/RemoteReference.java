package dev.spindle.pb;

import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.broker.Broker;
import dev.spindle.pb.broker.Conversions;
import dev.spindle.pb.exceptions.DeadReferenceException;
import dev.spindle.pb.exceptions.PbArgumentException;
import dev.spindle.pb.exceptions.PbBackpressureException;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.PbTimeoutException;
import dev.spindle.pb.exceptions.PbTooManyCallsException;
import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Jellier;
import dev.spindle.pb.jelly.JellyException;
import dev.spindle.pb.jelly.Jellyable;
import dev.spindle.pb.jelly.Tuple;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import dev.spindle.transport.CallInfo;
import dev.spindle.transport.internal.CallHooks;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reference to an object on the other side of a PB connection: a Twisted {@code Referenceable}
 * or {@code Viewable}, an avatar, or a Java {@link dev.spindle.pb.flavors.Referenceable}. Call
 * its methods with {@link #callRemote}; pass it back to the same peer and the peer gets its own
 * object. Twisted equivalent: {@code pb.RemoteReference}.
 *
 * <pre>{@code
 * RemoteReference root = client.getRootObject("127.0.0.1", port).join();
 * long sum = root.callRemote(Long.class, "add", 1, 2).join();                     // remote_add(1, 2)
 * root.callRemoteWithKeywords("add", List.of(1), Map.of("b", 2));                 // add(1, b=2)
 * RemoteReference child = root.callRemote(RemoteReference.class, "getChild").join();
 * child.release();                                                                // decref
 * }</pre>
 *
 * <p>Arguments are jellied (see {@code dev.spindle.pb.jelly}): {@code String} is Python {@code
 * str}, {@code byte[]} is {@code bytes}, {@code Long}/{@code Integer} are {@code int}, {@code
 * List}, {@link Tuple}, {@code Map} and flavors as their Python counterparts. Results arrive as
 * unjellied values ({@code Long}, {@code String}, {@code ByteString}, {@code ArrayList}, ...).
 *
 * <p>Reference counting: the peer keeps its object alive while this side holds references.
 * Java has no reference-counting collector, so call {@link #release()} when done: it sends {@code
 * decref} once. As a safety net, a reference that becomes unreachable unreleased is released by a
 * {@link Cleaner} (unless the endpoint was built with {@code autoRelease(false)}). Each {@code
 * ["remote", luid]} received is its own reference, to be released on its own; the root and
 * references made by {@code remoteForName} are not counted.
 *
 * <p>Thread-safe. Calls are serialized on the calling thread's behalf by the connection's event
 * loop; futures complete there. A call on a released reference, or once the connection is
 * closed, fails at once with {@link DeadReferenceException}; calls pending when the connection
 * goes fail with {@link PbConnectionLostException}. Equality is identity.
 *
 * <p>Deadlines and cancellation: a call waits for its answer at most the connection's {@code
 * callTimeout} (builder option; none by default) or what {@link #withTimeout} sets, then fails
 * with {@link PbTimeoutException}. Cancelling the returned future forgets the call (if it was not
 * sent yet, it never is). The answer of a forgotten call is dropped when it comes, and the
 * references in it are released at once, so the peer does not keep their objects. At most {@code
 * maxOutstandingCalls} calls of a connection wait for answers; one more fails at once with {@link
 * PbTooManyCallsException}.
 */
public final class RemoteReference implements Jellyable {
  private static final Logger logger = LoggerFactory.getLogger(RemoteReference.class);
  private static final Sexp.Bytes LOCAL = Sexp.ascii("local");

  private final PbConnection connection;
  private final Object luid;
  private final Object perspective;
  /** This handle's hold on the peer's object (null: uncounted); shared by withTimeout views. */
  private final Hold release;
  private final Cleaner.Cleanable cleanable;
  /** Nanoseconds a call waits; -1: the connection's default; 0: no limit. */
  private final long timeoutNanos;
  /** For a view made by {@link #withTimeout}: the reference it shares (kept reachable). */
  private final RemoteReference base;

  RemoteReference(PbConnection connection, Object luid, Object perspective, boolean counted) {
    this.connection = connection;
    this.luid = luid;
    this.perspective = perspective;
    this.timeoutNanos = -1;
    this.base = null;
    if (counted) {
      this.release = new Hold(new Release(connection, luid));
      Cleaner cleaner = connection.cleaner();
      this.cleanable = cleaner == null ? null : cleaner.register(this, release);
    } else {
      this.release = null;
      this.cleanable = null;
    }
  }

  private RemoteReference(RemoteReference base, long timeoutNanos) {
    this.connection = base.connection;
    this.luid = base.luid;
    this.perspective = base.perspective;
    this.release = base.release;
    this.cleanable = base.cleanable;
    this.timeoutNanos = timeoutNanos;
    this.base = base;
  }

  /**
   * Returns a view of this reference whose calls wait at most {@code timeout} for their answer,
   * then fail with {@link PbTimeoutException}; {@link Duration#ZERO} means no limit. The view
   * shares this reference's identity on the wire and its release: releasing either releases
   * both. Cheap. Thread-safe.
   *
   * <pre>{@code
   * Object r = avatar.withTimeout(Duration.ofSeconds(5)).callRemote("status").join();
   * }</pre>
   *
   * @param timeout the longest wait for each answer; {@link Duration#ZERO} for no limit
   * @return a view of this reference with that timeout
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public RemoteReference withTimeout(Duration timeout) {
    long nanos = PbEndpointBuilder.timeoutNanos(timeout, "timeout");
    return new RemoteReference(base == null ? this : base, nanos);
  }

  /**
   * The timeout of this reference's (or view's) calls: the one {@link #withTimeout} set, else
   * the connection's call timeout; {@link Duration#ZERO} if none.
   *
   * @return the timeout, or {@link Duration#ZERO} for no limit
   */
  public Duration timeout() {
    return Duration.ofNanos(timeoutNanos >= 0 ? timeoutNanos : connection.callTimeoutNanos());
  }

  /** A new handle holding {@code hold} (one more holder of the same decref). */
  private RemoteReference(RemoteReference of, Hold hold) {
    this.connection = of.connection;
    this.luid = of.luid;
    this.perspective = of.perspective;
    this.timeoutNanos = of.timeoutNanos;
    this.base = null;
    this.release = hold;
    Cleaner cleaner = connection.cleaner();
    this.cleanable = hold == null || cleaner == null ? null : cleaner.register(this, hold);
  }

  /**
   * Returns a new handle on the same remote object that counts as one more holder, like Netty's
   * {@code retain()}: the peer gets its {@code decref} only when every handle is released (or
   * collected). Calls through either handle work until that handle is released. Library code that
   * keeps or releases a reference it was given (a {@link dev.spindle.pb.util.Pager}) takes its own
   * handle this way, so the caller's stays usable. For the root (uncounted) it is a plain copy.
   * Thread-safe.
   *
   * @return a new handle on the same remote object, to be released on its own
   * @throws DeadReferenceException if this handle, or every handle, is already released
   */
  public RemoteReference retain() {
    if (release == null) {
      return new RemoteReference(this, null);
    }
    if (release.done.get() || !release.shared.retain()) {
      throw new DeadReferenceException("reference " + this + " was released");
    }
    return new RemoteReference(this, new Hold(release.shared));
  }

  /** Makes the reference for a received {@code ["remote", luid]}; on the event loop. */
  static RemoteReference received(
      PbConnection connection, Broker broker, Object luid, Object perspective) {
    RemoteReference ref = new RemoteReference(connection, luid, perspective, true);
    broker.onUnjellyFailure(ref::release);
    return ref;
  }

  /**
   * Calls {@code method} on the remote object: Twisted's {@code callRemote(method, *args)}. The
   * future completes with the unjellied result, or fails with {@link RemotePbException} (the
   * remote failure), a {@code JellyException} (an argument cannot be sent, or the result cannot
   * be received), {@link DeadReferenceException} or {@link PbConnectionLostException}.
   *
   * <p>{@code callRemote("complete", null)} sends one {@code None}, as Python's {@code
   * callRemote("complete", None)} (Java passes a null array there, not an array holding null; it
   * is taken to mean the same). {@code null} among other arguments is {@code None} too.
   *
   * @param method the remote method name, without its {@code remote_} or {@code perspective_}
   *     prefix
   * @param args the positional arguments, each jellied; a {@code null} array is one {@code None}
   * @return a future that completes with the result, or exceptionally as above
   */
  public CompletableFuture<Object> callRemote(String method, Object... args) {
    return call(method, Tuple.of(args), Map.of(), true);
  }

  /**
   * Calls {@code method} and converts the result to {@code resultType} as a remote method's
   * argument is converted ({@code Long.class}, {@code int.class}, {@code String.class}, {@code
   * byte[].class}, {@code List.class}, {@code RemoteReference.class}, ...); a result that does not
   * convert fails the future with {@link PbArgumentException}.
   *
   * @param <T> the result type
   * @param resultType the class the result is converted to, for example {@code Long.class}
   * @param method the remote method name
   * @param args the positional arguments, as for {@link #callRemote(String, Object...)}
   * @return a future that completes with the converted result, or exceptionally as {@link
   *     #callRemote(String, Object...)} does or with {@link PbArgumentException}
   */
  public <T> CompletableFuture<T> callRemote(Class<T> resultType, String method, Object... args) {
    Objects.requireNonNull(resultType, "resultType");
    Conversions.Converter converter = Conversions.to(resultType);
    CompletableFuture<T> typed = new CompletableFuture<>();
    CompletableFuture<Object> raw = callRemote(method, args);
    typed.whenComplete((v, e) -> {
      if (typed.isCancelled()) {
        raw.cancel(false);
      }
    });
    raw.whenComplete((v, e) -> {
      if (e != null) {
        typed.completeExceptionally(e);
        return;
      }
      Object converted;
      try {
        converted = converter.convert(v);
      } catch (PbArgumentException x) {
        typed.completeExceptionally(new PbArgumentException("result of " + method + ": " + x.getMessage()));
        return;
      }
      @SuppressWarnings("unchecked")
      T t = (T) converted;
      typed.complete(t);
    });
    return typed;
  }

  /**
   * Calls {@code method} with positional and keyword arguments: Twisted's {@code
   * callRemote(method, *args, **kwargs)}. Keywords are sent as Python {@code str} keys in the
   * map's iteration order.
   *
   * @param method the remote method name
   * @param args the positional arguments
   * @param kwargs the keyword arguments, by name
   * @return a future that completes with the result, or exceptionally as {@link #callRemote(String,
   *     Object...)}'s does
   */
  public CompletableFuture<Object> callRemoteWithKeywords(String method, List<?> args, Map<String, ?> kwargs) {
    return call(method, Tuple.copyOf(args), kwargs.isEmpty() ? Map.of() : new LinkedHashMap<>(kwargs), true);
  }

  /**
   * Calls {@code method} without asking for an answer ({@code answerRequired} 0, Twisted's {@code
   * pbanswer=False}): nothing comes back from the peer, not even an error. The returned future
   * completes (with null, on the event loop) once the message is written to the connection, or
   * fails if it could not be sent: an argument that cannot be jellied or encoded, {@link
   * DeadReferenceException}, {@link PbConnectionLostException}. Twisted raises those at the call;
   * there is nothing else to wait for. Sending failures are logged at DEBUG only: check the future.
   * A null {@code args} array is one {@code None}, as for {@link #callRemote(String, Object...)}.
   *
   * @param method the remote method name
   * @param args the positional arguments; a {@code null} array is one {@code None}
   * @return a future that completes with {@code null} once the message is written, or exceptionally
   *     as above
   */
  public CompletableFuture<Void> callRemoteNoAnswer(String method, Object... args) {
    return noAnswer(method, Tuple.of(args), Map.of());
  }

  /**
   * Calls {@code method} with positional and keyword arguments without asking for an answer:
   * Twisted's {@code callRemote(method, *args, pbanswer=False, **kwargs)}. The future is {@link
   * #callRemoteNoAnswer}'s.
   *
   * @param method the remote method name
   * @param args the positional arguments
   * @param kwargs the keyword arguments, by name
   * @return a future that completes with {@code null} once the message is written, or exceptionally
   */
  public CompletableFuture<Void> callRemoteNoAnswerWithKeywords(String method, List<?> args,
      Map<String, ?> kwargs) {
    return noAnswer(method, Tuple.copyOf(args), kwargs.isEmpty() ? Map.of() : new LinkedHashMap<>(kwargs));
  }

  private CompletableFuture<Void> noAnswer(String method, Tuple args, Map<String, ?> kwargs) {
    CompletableFuture<Void> sent = new CompletableFuture<>();
    call(method, args, kwargs, false).whenComplete((v, e) -> {
      if (e != null) {
        logger.debug("callRemoteNoAnswer {} on {} was not sent", method, this, e);
        sent.completeExceptionally(e);
      } else {
        sent.complete(null);
      }
    });
    return sent;
  }

  /**
   * About how many bytes a call will take on the wire, counted towards the high-water mark while
   * it waits for the event loop (its arguments are serialized there): the method name, strings and
   * byte strings at their length, anything else at a flat 16 bytes, plus the message's envelope.
   */
  private static int estimatedBytes(String method, Tuple args, Map<String, ?> kwargs) {
    long n = 32 + method.length();
    for (Object a : args) {
      n += estimatedBytes(a);
    }
    for (Map.Entry<String, ?> e : kwargs.entrySet()) {
      n += e.getKey().length() + estimatedBytes(e.getValue());
    }
    return (int) Math.min(n, Integer.MAX_VALUE);
  }

  private static int estimatedBytes(Object value) {
    if (value instanceof CharSequence s) {
      return 8 + s.length();
    } else if (value instanceof byte[] b) {
      return 8 + b.length;
    } else if (value instanceof ByteString b) {
      return 8 + b.size();
    }
    return 16;
  }

  private CompletableFuture<Object> call(String method, Tuple args, Map<String, ?> kwargs, boolean answer) {
    Objects.requireNonNull(method, "method");
    Broker b = connection.broker();
    CallHooks hooks = b == null ? null : b.hooks();
    if (hooks != null && hooks.interceptsClient()) {
      CompletableFuture<Object> out = new CompletableFuture<>();
      CallInfo info = new CallInfo(CallInfo.PB, CallInfo.Side.CLIENT, "remote", method, args.asList(), kwargs,
          b.connectionInfo(), connection, null);
      CompletionStage<?> s = hooks.interceptClient(info, () -> call0(method, args, kwargs, answer));
      s.whenComplete((v, e) -> {
        if (e != null) {
          out.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
        } else {
          out.complete(v);
        }
      });
      out.whenComplete((v, e) -> {
        if (out.isCancelled() && s instanceof CompletableFuture<?> f) {
          f.cancel(false);
        }
      });
      return out;
    }
    return call0(method, args, kwargs, answer);
  }

  private CompletableFuture<Object> call0(String method, Tuple args, Map<String, ?> kwargs, boolean answer) {
    long timeout = !answer ? 0 : timeoutNanos >= 0 ? timeoutNanos : connection.callTimeoutNanos();
    long deadline = timeout > 0 ? System.nanoTime() + timeout : 0;
    PbCall result = new PbCall(connection, method, timeout);
    if (release != null && release.done.get()) {
      result.completeExceptionally(new DeadReferenceException("reference " + this + " was released"));
      return result;
    }
    if (!connection.handler().handler().isOpen()) {
      result.completeExceptionally(new DeadReferenceException("Calling Stale Broker (" + connection + " is closed)"));
      return result;
    }
    if (!connection.handler().handler().isWritable() && connection.isOpen()) { // a closed one fails below
      result.completeExceptionally(new PbBackpressureException(connection.handler().pendingWriteBytes()));
      return result;
    }
    int bytes = estimatedBytes(method, args, kwargs);
    connection.execute(new Broker.Task() {
      @Override
      public int queuedBytes() {
        return bytes;
      }

      @Override
      public void run() {
        Broker broker = connection.broker();
        if (result.isDone()) {
          return; // cancelled before it was sent: it never is
        }
        if (answer) {
          broker.sendMessage(luid, perspective, method, args, kwargs, result);
          if (!result.isDone()) {
            result.sent(broker, deadline);
          }
        } else {
          // Completed with null once written (no answer will come), or failed.
          broker.sendMessage(luid, perspective, method, args, kwargs, false, result);
        }
      }

      @Override
      public void fail(Throwable cause) {
        result.completeExceptionally(cause);
      }
    });
    return result;
  }

  /**
   * Releases this handle: later calls through it fail with {@link DeadReferenceException}. When
   * it was the last handle (see {@link #retain()}) the peer is told the reference is no longer
   * used ({@code ["decref", luid]}), once. Does nothing for an uncounted reference (the root) or
   * once the connection is gone. Thread-safe and idempotent.
   */
  public void release() {
    if (release == null) {
      return;
    }
    if (cleanable != null) {
      cleanable.clean();
    } else {
      release.run();
    }
  }

  /**
   * Runs {@code callback} when the connection is lost (on its event loop), or at once if it
   * already is. Twisted: {@code RemoteReference.notifyOnDisconnect}.
   *
   * @param callback the action to run, once, on the event loop; it should not block
   */
  public void notifyOnDisconnect(Runnable callback) {
    connection.notifyOnDisconnect(callback);
  }

  /**
   * Removes a callback added with {@link #notifyOnDisconnect}.
   *
   * @param callback the callback to remove; nothing happens if it is not registered
   */
  public void dontNotifyOnDisconnect(Runnable callback) {
    connection.dontNotifyOnDisconnect(callback);
  }

  /** {@return true while calls can be made: not released, connection open} */
  public boolean isConnected() {
    return (release == null || !release.done.get()) && connection.isOpen();
  }

  /** {@return the connection this reference belongs to} */
  public PbConnection connection() {
    return connection;
  }

  /**
   * {@return the peer's id of the object: a {@code Long} luid, or a {@code String} name such as
   * {@code root}}
   */
  public Object luid() {
    return luid;
  }

  /**
   * Writes {@code ["local", luid]}: sent back to the peer it came from, the peer gets its own
   * object. It cannot be sent to another connection (Twisted asserts the same).
   */
  @Override
  public Sexp jellyFor(Jellier jellier) {
    if (jellier.invoker() != connection.broker()) {
      throw new JellyException("a RemoteReference can only be sent back over its own connection ("
          + connection + ")");
    }
    Sexp id = luid instanceof Long l
        ? Sexp.integer(l)
        : new Sexp.Bytes(((String) luid).getBytes(StandardCharsets.UTF_8));
    return Sexp.list(LOCAL, id);
  }

  /** False: written at each occurrence. */
  @Override
  public boolean tracksIdentity(Jellier jellier) {
    return false;
  }

  @Override
  public String toString() {
    return "RemoteReference{" + luid + (release != null && release.done.get() ? ", released" : "")
        + " on " + connection + "}";
  }

  /**
   * One handle's hold: released once, by {@link #release()} or the Cleaner; holds no reference to
   * the {@code RemoteReference}.
   */
  private static final class Hold implements Runnable {
    final Release shared;
    final AtomicBoolean done = new AtomicBoolean();

    Hold(Release shared) {
      this.shared = shared;
    }

    @Override
    public void run() {
      if (done.compareAndSet(false, true)) {
        shared.drop();
      }
    }
  }

  /** Counts the handles of one received reference; sends the decref once the last is dropped. */
  private static final class Release {
    private final PbConnection connection;
    private final Object luid;
    private final AtomicInteger holders = new AtomicInteger(1);

    Release(PbConnection connection, Object luid) {
      this.connection = connection;
      this.luid = luid;
    }

    /** One more holder; false if every holder is gone already. */
    boolean retain() {
      for (int n = holders.get(); n > 0; n = holders.get()) {
        if (holders.compareAndSet(n, n + 1)) {
          return true;
        }
      }
      return false;
    }

    void drop() {
      if (holders.decrementAndGet() == 0 && connection.handler().handler().isOpen()) {
        connection.execute(() -> connection.broker().sendDecref(luid));
      }
    }
  }
}
