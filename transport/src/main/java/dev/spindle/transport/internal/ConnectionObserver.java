package dev.spindle.transport.internal;

import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.ConnectionListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * First in a connection's pipeline when observing is on: counts the bytes read and written, puts
 * the connection's context in the MDC while its input is handled (so everything logged about it
 * then carries it), tells the {@link ConnectionListener}, and logs one INFO line when the
 * connection opens and one when it closes (logger {@code dev.spindle.connections}).
 */
final class ConnectionObserver extends ChannelDuplexHandler {
  private static final Logger logger = LoggerFactory.getLogger(ConnectionObserver.class);
  /** The open and close lines: a logger of their own, so they can be turned on or off alone. */
  private static final Logger connections = LoggerFactory.getLogger("dev.spindle.connections");

  private final ConnectionInfo info;
  private final TransportHandler transport;
  private final ConnectionListener listener;
  private final boolean logContext;
  private final boolean logConnections;
  private boolean closed;

  ConnectionObserver(ConnectionInfo info, TransportHandler transport, ConnectionListener listener,
      boolean logContext, boolean logConnections) {
    this.info = info;
    this.transport = transport;
    this.listener = listener;
    this.logContext = logContext;
    this.logConnections = logConnections;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    info.peer(ctx.channel().remoteAddress());
    enter();
    try {
      if (listener != null) {
        safely(() -> listener.opened(info));
      }
      if (logConnections) {
        connections.info("{} {} connection {} opened", info.system(), info.isServer() ? "server" : "client", info);
      }
      transport.closeFuture().whenComplete((v, e) -> closed(e));
      ctx.fireChannelActive();
    } finally {
      leave();
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    int n = bytes(msg);
    if (n > 0) {
      info.countRead(n);
      if (listener != null) {
        try {
          listener.bytesRead(info, n);
        } catch (RuntimeException e) {
          logger.warn("a connection listener failed", e);
        }
      }
    }
    if (!logContext) {
      ctx.fireChannelRead(msg);
      return;
    }
    enter();
    try {
      ctx.fireChannelRead(msg);
    } finally {
      leave();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    if (!logContext) {
      ctx.fireChannelReadComplete();
      return;
    }
    enter();
    try {
      ctx.fireChannelReadComplete();
    } finally {
      leave();
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
    int n = bytes(msg);
    if (n > 0) {
      info.countWritten(n);
      if (listener != null) {
        try {
          listener.bytesWritten(info, n);
        } catch (RuntimeException e) {
          logger.warn("a connection listener failed", e);
        }
      }
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
    if (!ctx.channel().isWritable() && listener != null) {
      safely(() -> listener.backpressurePaused(info));
    }
    ctx.fireChannelWritabilityChanged();
  }

  private void closed(Throwable cause) {
    if (closed) {
      return;
    }
    closed = true;
    enter();
    try {
      if (listener != null) {
        safely(() -> listener.closed(info, cause));
      }
      if (logConnections) {
        connections.info("{} {} connection {} closed after {} ms: {} calls from the peer, {} bytes read, {} written; {}",
            info.system(), info.isServer() ? "server" : "client", info,
            TimeUnit.NANOSECONDS.toMillis(info.ageNanos()), info.calls(), info.bytesRead(),
            info.bytesWritten(), cause == null ? "closed normally" : cause.toString());
      }
    } finally {
      leave();
    }
  }

  private void enter() {
    if (logContext) {
      MDC.put(CallHooks.MDC_CONNECTION, info.id());
      MDC.put(CallHooks.MDC_PEER, info.peerText());
      MDC.put(CallHooks.MDC_PROTOCOL, info.system());
      String avatar = info.avatarId();
      if (avatar != null) {
        MDC.put(CallHooks.MDC_AVATAR, avatar);
      }
    }
  }

  private void leave() {
    if (logContext) {
      MDC.remove(CallHooks.MDC_CONNECTION);
      MDC.remove(CallHooks.MDC_PEER);
      MDC.remove(CallHooks.MDC_PROTOCOL);
      MDC.remove(CallHooks.MDC_AVATAR);
    }
  }

  private static int bytes(Object msg) {
    if (msg instanceof ByteBuf b) {
      return b.readableBytes();
    }
    if (msg instanceof ByteBufHolder h) {
      return h.content().readableBytes();
    }
    return 0;
  }

  static void safely(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      logger.warn("a connection listener failed", e);
    }
  }
}
