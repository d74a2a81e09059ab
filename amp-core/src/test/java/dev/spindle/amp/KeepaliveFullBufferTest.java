package dev.spindle.amp;

import dev.spindle.amp.exceptions.ConnectionLostException;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A dead peer behind a full socket: the peer accepts the connection and never reads, so this
 * side's write buffer fills and the keepalive's ping is refused (backpressure). grpc-java's
 * KeepAliveManager arms its shutdown timer whether or not the ping could be written; so must
 * Spindle, or the connection stays open forever.
 */
class KeepaliveFullBufferTest {
  @Test
  void aPeerThatNeitherReadsNorAnswersIsClosedEvenWithTheWriteBufferFull() throws Exception {
    assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      try (ServerSocket server = new ServerSocket();
          AmpClient client = AmpClient.builder()
              .writeBufferWaterMark(8 * 1024, 16 * 1024)
              .keepalive(Duration.ofSeconds(2), Duration.ofMillis(500))
              .build()) {
        server.setReceiveBufferSize(4096);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        AmpConnection c = client.connect("127.0.0.1", server.getLocalPort()).get(10, TimeUnit.SECONDS);
        try (Socket silent = server.accept()) {
          AmpBox big = new AmpBox().putString("blob", "x".repeat(60_000));
          // Fill the socket buffers and the channel's outbound buffer until it stays unwritable:
          // from then on every call, the keepalive's ping included, is refused.
          while (true) {
            while (c.isWritable()) {
              c.callRemoteString("Fill", big, false);
            }
            try {
              c.whenWritable().toCompletableFuture().get(1, TimeUnit.SECONDS);
            } catch (TimeoutException stuck) {
              break;
            }
          }
          // Stuck for a second: the ping due at 2 s (nothing read since the connect) is refused.
          assertFalse(c.isWritable());
          Throwable closed = assertThrows(ExecutionException.class,
              () -> c.closeFuture().toCompletableFuture().get(10, TimeUnit.SECONDS)).getCause();
          assertInstanceOf(ConnectionLostException.class, closed);
          assertTrue(closed.getMessage().contains("keepalive"), closed.getMessage());
        }
      }
    });
  }
}
