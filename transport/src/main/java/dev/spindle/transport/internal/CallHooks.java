package dev.spindle.transport.internal;

import dev.spindle.transport.BlockingExecutor;
import dev.spindle.transport.CallInfo;
import dev.spindle.transport.CallInterceptor;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.ConnectionListener;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * What an endpoint adds around calls and connections, shared by its connections: the blocking
 * executor, the interceptor chains, the connection listeners and the logging context. Immutable;
 * one per endpoint. A protocol keeps a null reference when {@link #isEmpty()} so that a call costs
 * one null check.
 */
public final class CallHooks {
  /** MDC key: the connection's id. */
  public static final String MDC_CONNECTION = "spindle.conn";
  /** MDC key: the peer's address. */
  public static final String MDC_PEER = "spindle.peer";
  /** MDC key: {@code twisted_amp} or {@code twisted_pb}. */
  public static final String MDC_PROTOCOL = "spindle.protocol";
  /** MDC key: the avatar id after a PB login. */
  public static final String MDC_AVATAR = "spindle.avatar";

  private static final AttributeKey<ConnectionInfo> INFO = AttributeKey.valueOf("spindle.connection-info");

  private final BlockingExecutor executor;
  private final boolean allBlocking;
  private final CallInterceptor[] server;
  private final CallInterceptor[] client;
  private final ConnectionListener listener;
  private final boolean logContext;
  private final boolean logConnections;

  /**
   * @param executor null: {@link BlockingExecutor#defaultExecutor()} when first needed
   * @param allBlocking whether every call of the peer is blocking
   * @param server interceptors of the peer's calls, outermost first; copied
   * @param client interceptors of this side's calls, outermost first; copied
   * @param listeners connection listeners, in order; several are joined into one
   * @param logContext whether the connection's context is put in the MDC
   * @param logConnections whether one INFO line is logged per connection opened and closed
   */
  public CallHooks(BlockingExecutor executor, boolean allBlocking, List<CallInterceptor> server,
      List<CallInterceptor> client, List<ConnectionListener> listeners, boolean logContext,
      boolean logConnections) {
    this.executor = executor;
    this.allBlocking = allBlocking;
    this.server = server.isEmpty() ? null : server.toArray(new CallInterceptor[0]);
    this.client = client.isEmpty() ? null : client.toArray(new CallInterceptor[0]);
    this.listener = listeners.isEmpty() ? null
        : listeners.size() == 1 ? listeners.get(0) : new Listeners(listeners.toArray(new ConnectionListener[0]));
    this.logContext = logContext;
    this.logConnections = logConnections;
  }

  /**
   * True if nothing is configured: the protocol may skip every hook.
   *
   * @return true if no hook, no listener and no logging is configured
   */
  public boolean isEmpty() {
    return executor == null && !allBlocking && server == null && client == null && listener == null
        && !logContext && !logConnections;
  }

  /**
   * Whether calls need these hooks (an executor, interceptors, counting); if not, the protocol
   * keeps a null reference and a call costs one null check. The MDC needs no per-call work.
   *
   * @return true if a call must go through these hooks
   */
  public boolean perCall() {
    return executor != null || allBlocking || server != null || client != null || counts();
  }

  /** What a protocol uses for a call declared blocking when the endpoint has no per-call hooks. */
  public static final CallHooks DEFAULT = new CallHooks(null, false, List.of(), List.of(), List.of(), true, false);

  /**
   * Whether every call of the peer is blocking.
   *
   * @return true if every call of the peer runs on the blocking executor
   */
  public boolean allBlocking() {
    return allBlocking;
  }

  /**
   * Whether server-side interceptors are configured.
   *
   * @return true if there is at least one server-side interceptor
   */
  public boolean interceptsServer() {
    return server != null;
  }

  /**
   * Whether client-side interceptors are configured.
   *
   * @return true if there is at least one client-side interceptor
   */
  public boolean interceptsClient() {
    return client != null;
  }

  /**
   * The listener (several joined), or null.
   *
   * @return the listener to tell, or null if none is configured
   */
  public ConnectionListener listener() {
    return listener;
  }

  /**
   * Whether calls are counted (a listener or connection logging is on).
   *
   * @return true if bytes and calls are counted
   */
  public boolean counts() {
    return listener != null || logConnections;
  }

  /**
   * Sets up a new channel (before it is active): its {@link ConnectionInfo}, and the observer that
   * counts bytes, sets the MDC and logs, if any of that is on. Returns the info.
   *
   * @param ch the new channel, not active yet
   * @param transport the channel's transport handler
   * @param system {@link CallInfo#AMP} or {@link CallInfo#PB}
   * @param isServer true for an accepted channel, false for a connecting one
   * @return the channel's new connection info
   */
  public ConnectionInfo install(Channel ch, TransportHandler transport, String system, boolean isServer) {
    ConnectionInfo info = new ConnectionInfo(system, isServer, ch.remoteAddress());
    ch.attr(INFO).set(info);
    info.listener(listener);
    if (listener != null || logContext || logConnections) {
      ch.pipeline().addFirst("spindle-observer",
          new ConnectionObserver(info, transport, listener, logContext, logConnections));
    }
    return info;
  }

  /**
   * The info {@link #install} gave {@code ch}, or null.
   *
   * @param ch a channel
   * @return the channel's connection info, or null if {@link #install} was not called on it
   */
  public static ConnectionInfo info(Channel ch) {
    return ch.attr(INFO).get();
  }

  /**
   * Runs {@code work} on the blocking executor with the caller's MDC, completing with its result;
   * past the executor's bound the stage fails with a {@code CallRejectedException}.
   *
   * @param <T> the result's type, as the caller expects it
   * @param work the call to run; it may return a {@link CompletionStage}
   * @param what names the call in the overload message
   * @return a future that completes with the work's result, or exceptionally with its failure
   */
  public <T> CompletableFuture<T> runBlocking(Callable<?> work, String what) {
    BlockingExecutor e = executor != null ? executor : BlockingExecutor.defaultExecutor();
    Map<String, String> mdc = logContext ? MDC.getCopyOfContextMap() : null;
    if (mdc == null) {
      return e.submit(work, what);
    }
    return e.submit(() -> {
      MDC.setContextMap(mdc);
      try {
        return work.call();
      } finally {
        MDC.clear();
      }
    }, what);
  }

  /**
   * Runs the server-side chain around {@code call}.
   *
   * @param info the call, as interceptors see it
   * @param call runs the call itself, after the chain
   * @return the stage the outermost interceptor returns, or the call's own without interceptors
   */
  public CompletionStage<?> interceptServer(CallInfo info, Supplier<? extends CompletionStage<?>> call) {
    return server == null ? call.get() : new Chain(server, info, call).proceed();
  }

  /**
   * Runs the client-side chain around {@code call}.
   *
   * @param info the call, as interceptors see it
   * @param call sends the call itself, after the chain
   * @return the stage the outermost interceptor returns, or the call's own without interceptors
   */
  public CompletionStage<?> interceptClient(CallInfo info, Supplier<? extends CompletionStage<?>> call) {
    return client == null ? call.get() : new Chain(client, info, call).proceed();
  }

  /** One call's walk down a chain. */
  private static final class Chain implements CallInterceptor.Next {
    private final CallInterceptor[] chain;
    private final CallInfo info;
    private final Supplier<? extends CompletionStage<?>> call;
    private int next;

    Chain(CallInterceptor[] chain, CallInfo info, Supplier<? extends CompletionStage<?>> call) {
      this.chain = chain;
      this.info = info;
      this.call = call;
    }

    @Override
    public CompletionStage<?> proceed() {
      int i = next++;
      if (i > chain.length) {
        return CompletableFuture.failedFuture(
            new IllegalStateException("an interceptor proceeded twice with " + info));
      }
      try {
        CompletionStage<?> s = i == chain.length ? call.get() : chain[i].intercept(info, this);
        return s != null ? s : CompletableFuture.failedFuture(
            new NullPointerException("interceptor " + chain[i] + " returned null"));
      } catch (Throwable t) {
        if (t instanceof VirtualMachineError e) {
          throw e;
        }
        return CompletableFuture.failedFuture(t);
      }
    }
  }

  /** Several listeners, told in order; one that throws does not stop the others. */
  private static final class Listeners implements ConnectionListener {
    private final ConnectionListener[] all;

    Listeners(ConnectionListener[] all) {
      this.all = all;
    }

    @Override
    public void opened(ConnectionInfo c) {
      for (ConnectionListener l : all) {
        ConnectionObserver.safely(() -> l.opened(c));
      }
    }

    @Override
    public void closed(ConnectionInfo c, Throwable cause) {
      for (ConnectionListener l : all) {
        ConnectionObserver.safely(() -> l.closed(c, cause));
      }
    }

    @Override
    public void bytesRead(ConnectionInfo c, int bytes) {
      for (ConnectionListener l : all) {
        ConnectionObserver.safely(() -> l.bytesRead(c, bytes));
      }
    }

    @Override
    public void bytesWritten(ConnectionInfo c, int bytes) {
      for (ConnectionListener l : all) {
        ConnectionObserver.safely(() -> l.bytesWritten(c, bytes));
      }
    }

    @Override
    public void backpressurePaused(ConnectionInfo c) {
      for (ConnectionListener l : all) {
        ConnectionObserver.safely(() -> l.backpressurePaused(c));
      }
    }

    @Override
    public void loginSucceeded(ConnectionInfo c, String avatarId) {
      for (ConnectionListener l : all) {
        ConnectionObserver.safely(() -> l.loginSucceeded(c, avatarId));
      }
    }

    @Override
    public void loginFailed(ConnectionInfo c, Throwable cause) {
      for (ConnectionListener l : all) {
        ConnectionObserver.safely(() -> l.loginFailed(c, cause));
      }
    }
  }
}
