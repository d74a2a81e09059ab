package dev.spindle.pb;

import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.exceptions.PbTimeoutException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pings an idle PB connection to prove the peer alive, and closes it if no answer comes in time.
 *
 * <p>Netty's {@link IdleStateHandler} reports when nothing was read for the interval; this handler
 * then calls {@code keepalive} on object id {@value #PING_LUID}, with the keepalive timeout. No
 * object has that id: Twisted's {@code Broker._recvMessage} (pb.py) raises {@code pb.Error("Invalid
 * Object ID")} before unserializing anything and answers it without logging; Spindle's broker
 * does the same. Any answer, that error included, proves liveness; a {@link PbTimeoutException}
 * closes the connection with a {@link PbConnectionLostException}. One ping at a time; pings start
 * once the Banana handshake is done. Event-loop confined.
 */
final class PbKeepalive extends ChannelInboundHandlerAdapter {
  private static final Logger logger = LoggerFactory.getLogger(PbKeepalive.class);

  /** The object id pings go to: never a valid luid (Twisted and Spindle count from 1). */
  static final long PING_LUID = 0;

  /** The method name of a ping. */
  static final String PING_METHOD = "keepalive";

  private final PbConnection connection;
  private final Duration timeout;
  private RemoteReference target;
  private boolean pinging;

  private PbKeepalive(PbConnection connection, Duration timeout) {
    this.connection = connection;
    this.timeout = timeout;
  }

  /** Adds the idle detector and this handler in front of {@code pipeline}. */
  static void install(ChannelPipeline pipeline, PbConnection connection, Duration interval, Duration timeout) {
    pipeline.addFirst("pb-keepalive", new PbKeepalive(connection, timeout));
    pipeline.addFirst("pb-idle", new IdleStateHandler(interval.toNanos(), 0, 0, TimeUnit.NANOSECONDS));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent) {
      ping(ctx);
      return;
    }
    ctx.fireUserEventTriggered(evt);
  }

  private void ping(ChannelHandlerContext ctx) {
    if (pinging || !connection.handler().ready().isDone() || !connection.isOpen()) {
      return;
    }
    if (target == null) {
      target = connection.remoteForLuid(PING_LUID).withTimeout(timeout);
    }
    pinging = true;
    if (logger.isTraceEnabled()) {
      logger.trace("{} idle: pinging", ctx.channel());
    }
    target.callRemote(PING_METHOD).whenComplete((answer, failure) -> {
      pinging = false;
      Throwable t = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause()
          : failure;
      if (t instanceof PbTimeoutException) {
        logger.debug("{}: no answer to a keepalive ping within {}; closing", ctx.channel(), timeout);
        connection.handler().close(new PbConnectionLostException(
            "keepalive: no answer within " + timeout.toMillis() + " ms (half-open connection?)", t));
      }
    });
  }
}
