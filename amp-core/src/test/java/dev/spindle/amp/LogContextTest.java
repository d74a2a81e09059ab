package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.BlockingResponder;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.testing.LeakChecked;
import dev.spindle.transport.ConnectionInfo;
import dev.spindle.transport.ConnectionListener;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** The connection's context in the MDC, and what the connection listener hears, over TCP. */
@LeakChecked
class LogContextTest {
  @Test
  void respondersSeeTheConnectionInTheMdcOnTheLoopAndOnTheBlockingExecutor() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      CompletableFuture<Map<String, String>> onLoop = new CompletableFuture<>();
      CompletableFuture<Map<String, String>> blocking = new CompletableFuture<>();
      CompletableFuture<ConnectionInfo> opened = new CompletableFuture<>();
      CompletableFuture<ConnectionInfo> closed = new CompletableFuture<>();
      BoxResponder loop = box -> {
        onLoop.complete(MDC.getCopyOfContextMap());
        return CompletableFuture.completedFuture(new AmpBox());
      };
      BoxResponder slow = BlockingResponder.of(box -> {
        blocking.complete(MDC.getCopyOfContextMap());
        return CompletableFuture.completedFuture(new AmpBox());
      });
      try (AmpServer server = AmpServer.builder()
              .locator(name -> name.equals("Slow") ? slow : loop)
              .logConnections(true)
              .connectionListener(new ConnectionListener() {
                @Override
                public void opened(ConnectionInfo c) {
                  opened.complete(c);
                }

                @Override
                public void closed(ConnectionInfo c, Throwable cause) {
                  closed.complete(c);
                }
              })
              .start();
          AmpClient client = AmpClient.builder().build()) {
        AmpConnection c = client.connect("127.0.0.1", server.port()).get(15, TimeUnit.SECONDS);
        c.callRemoteString("Fast", new AmpBox()).get(15, TimeUnit.SECONDS);
        c.callRemoteString("Slow", new AmpBox()).get(15, TimeUnit.SECONDS);
        ConnectionInfo info = opened.get(15, TimeUnit.SECONDS);
        for (Map<String, String> mdc : new Map[] {onLoop.get(15, TimeUnit.SECONDS), blocking.get(15, TimeUnit.SECONDS)}) {
          assertNotNull(mdc);
          assertEquals(info.id(), mdc.get("spindle.conn"));
          assertEquals("twisted_amp", mdc.get("spindle.protocol"));
          assertEquals(String.valueOf(c.localAddress()), mdc.get("spindle.peer"));
          assertNull(mdc.get("spindle.avatar"));
        }
        c.close().toCompletableFuture().get(15, TimeUnit.SECONDS);
        ConnectionInfo done = closed.get(15, TimeUnit.SECONDS);
        assertEquals(2, done.calls());
        assertTrue(done.bytesRead() > 20, "read " + done.bytesRead());
        assertTrue(done.bytesWritten() > 20, "written " + done.bytesWritten());
        assertTrue(done.isServer());
      }
      assertNull(MDC.get("spindle.conn"));
    });
  }
}
