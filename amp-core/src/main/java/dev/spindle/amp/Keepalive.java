package dev.spindle.amp;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.AmpTimeoutException;
import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.exceptions.TooManyCallsException;
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
 * Pings an idle connection to prove the peer alive, and closes it if no answer comes in time.
 *
 * <p>Netty's {@link IdleStateHandler} reports when nothing was read for the interval; this handler
 * then calls {@value #PING_COMMAND} with the keepalive timeout. No peer has a responder for it:
 * Twisted's {@code BoxDispatcher.dispatchCommand} (amp.py) answers a {@code RemoteAmpError} with
 * code {@code UNHANDLED} without logging, and so does Spindle's dispatcher, the connection staying
 * open. Any answer proves liveness; an {@link AmpTimeoutException} closes the connection with a
 * {@link ConnectionLostException}. One ping at a time; a ping refused locally ({@link
 * TooManyCallsException}) is skipped. Event-loop confined.
 */
final class Keepalive extends ChannelInboundHandlerAdapter {
  private static final Logger logger = LoggerFactory.getLogger(Keepalive.class);

  /** The command name of a ping: one no peer implements. */
  static final String PING_COMMAND = "spindle-keepalive";

  private final AmpConnection connection;
  private final Duration timeout;
  private boolean pinging;

  private Keepalive(AmpConnection connection, Duration timeout) {
    this.connection = connection.withTimeout(timeout);
    this.timeout = timeout;
  }

  /** Adds the idle detector and this handler in front of {@code pipeline}. */
  static void install(ChannelPipeline pipeline, AmpConnection connection, Duration interval, Duration timeout) {
    pipeline.addFirst("amp-keepalive", new Keepalive(connection, timeout));
    pipeline.addFirst(
        "amp-idle", new IdleStateHandler(interval.toNanos(), 0, 0, TimeUnit.NANOSECONDS));
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
    if (pinging || !ctx.channel().isActive()) {
      return;
    }
    pinging = true;
    if (logger.isTraceEnabled()) {
      logger.trace("{} idle: pinging", ctx.channel());
    }
    connection
        .callRemoteString(PING_COMMAND, new AmpBox(0))
        .whenComplete(
            (answer, failure) -> {
              pinging = false;
              Throwable t = failure instanceof CompletionException && failure.getCause() != null
                  ? failure.getCause()
                  : failure;
              if (t instanceof AmpTimeoutException) {
                logger.debug("{}: no answer to a keepalive ping within {}; closing", ctx.channel(), timeout);
                connection.boxSender().unhandledError(new ConnectionLostException(
                    "keepalive: no answer within " + timeout.toMillis() + " ms (half-open connection?)", t));
              }
            });
  }
}
