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

  /** True if nothing is configured: the protocol may skip every hook. */
  public boolean isEmpty() {
    return executor == null && !allBlocking && server == null && client == null && listener == null
        && !logContext && !logConnections;
  }

  /**
   * Whether calls need these hooks (an executor, interceptors, counting); if not, the protocol
   * keeps a null reference and a call costs one null check. The MDC needs no per-call work.
   */
  public boolean perCall() {
    return executor != null || allBlocking || server != null || client != null || counts();
  }

  /** What a protocol uses for a call declared blocking when the endpoint has no per-call hooks. */
  public static final CallHooks DEFAULT = new CallHooks(null, false, List.of(), List.of(), List.of(), true, false);

  /** Whether every call of the peer is blocking. */
  public boolean allBlocking() {
    return allBlocking;
  }

  /** Whether server-side interceptors are configured. */
  public boolean interceptsServer() {
    return server != null;
  }

  /** Whether client-side interceptors are configured. */
  public boolean interceptsClient() {
    return client != null;
  }

  /** The listener (several joined), or null. */
  public ConnectionListener listener() {
    return listener;
  }

  /** Whether calls are counted (a listener or connection logging is on). */
  public boolean counts() {
    return listener != null || logConnections;
  }

  /**
   * Sets up a new channel (before it is active): its {@link ConnectionInfo}, and the observer that
   * counts bytes, sets the MDC and logs, if any of that is on. Returns the info.
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

  /** The info {@link #install} gave {@code ch}, or null. */
  public static ConnectionInfo info(Channel ch) {
    return ch.attr(INFO).get();
  }

  /**
   * Runs {@code work} on the blocking executor with the caller's MDC, completing with its result;
   * past the executor's bound the stage fails with a {@code CallRejectedException}.
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

  /** Runs the server-side chain around {@code call}. */
  public CompletionStage<?> interceptServer(CallInfo info, Supplier<? extends CompletionStage<?>> call) {
    return server == null ? call.get() : new Chain(server, info, call).proceed();
  }

  /** Runs the client-side chain around {@code call}. */
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
