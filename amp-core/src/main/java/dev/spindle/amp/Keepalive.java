package dev.spindle.amp;

import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.box.AmpBox;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;

/**
 * AMP's keepalive ping for the shared {@link dev.spindle.transport.internal.Keepalive}: a call of
 * {@value #PING_COMMAND}, a command no peer implements. Twisted's {@code
 * BoxDispatcher.dispatchCommand} (amp.py) answers it with a {@code RemoteAmpError} of code {@code
 * UNHANDLED} without logging, and so does Spindle's dispatcher, the connection staying open. Any
 * bytes from the peer prove it alive; nothing within the keepalive timeout closes the connection
 * with a {@link ConnectionLostException}, whether or not the ping could be written.
 */
final class Keepalive {
  /** The command name of a ping: one no peer implements. */
  static final String PING_COMMAND = "spindle-keepalive";

  private Keepalive() {}

  /** Adds the idle detector and the keepalive in front of {@code pipeline}. */
  static void install(ChannelPipeline pipeline, AmpConnection connection, Duration interval, Duration timeout) {
    AmpConnection pinging = connection.withTimeout(timeout);
    dev.spindle.transport.internal.Keepalive.install(
        pipeline,
        "amp",
        connection.handler().handler(),
        () -> pinging.callRemoteString(PING_COMMAND, new AmpBox(0)),
        interval,
        timeout);
  }
}
