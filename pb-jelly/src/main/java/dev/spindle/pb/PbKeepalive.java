package dev.spindle.pb;

import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.transport.internal.Keepalive;
import io.netty.channel.ChannelPipeline;
import java.time.Duration;

/**
 * PB's keepalive ping for the shared {@link Keepalive}: a call of {@code keepalive} on object id
 * {@value #PING_LUID}. No object has that id: Twisted's {@code Broker._recvMessage} (pb.py) raises
 * {@code pb.Error("Invalid Object ID")} before unserializing anything and answers it without
 * logging; Spindle's broker does the same. Any bytes from the peer prove it alive; nothing within
 * the keepalive timeout closes the connection with a {@link PbConnectionLostException}, whether or
 * not the ping could be written. Pings start once the Banana handshake is done.
 */
final class PbKeepalive {
  /** The object id pings go to: never a valid luid (Twisted and Spindle count from 1). */
  static final long PING_LUID = 0;

  /** The method name of a ping. */
  static final String PING_METHOD = "keepalive";

  private PbKeepalive() {}

  /** Adds the idle detector and the keepalive in front of {@code pipeline}. */
  static void install(ChannelPipeline pipeline, PbConnection connection, Duration interval, Duration timeout) {
    RemoteReference[] target = new RemoteReference[1];
    Keepalive.install(
        pipeline,
        "pb",
        connection.handler().handler(),
        () -> {
          if (target[0] == null) {
            target[0] = connection.remoteForLuid(PING_LUID).withTimeout(timeout);
          }
          return target[0].callRemote(PING_METHOD);
        },
        interval,
        timeout);
  }
}
