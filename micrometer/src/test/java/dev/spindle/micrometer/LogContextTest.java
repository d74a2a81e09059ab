package dev.spindle.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
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
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.login.Perspective;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The connection's context in the MDC, and what the connection listener hears, over TCP. Here
 * (not in amp-core or pb-jelly) because this module's tests log through Logback, whose MDC is
 * real; slf4j-simple's does nothing.
 */
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
      Logger connections = (Logger) LoggerFactory.getLogger("dev.spindle.connections");
      ListAppender<ILoggingEvent> lines = new ListAppender<>();
      lines.start();
      connections.addAppender(lines);
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
      } finally {
        connections.detachAppender(lines);
      }
      assertNull(MDC.get("spindle.conn"));
      // One INFO line when the server's connection opened and one when it closed (the client
      // did not ask for them), each with the connection in its MDC.
      List<ILoggingEvent> events = lines.list;
      assertEquals(2, events.size(), events.toString());
      assertTrue(events.get(0).getFormattedMessage().contains("twisted_amp server connection"), events.toString());
      assertTrue(events.get(0).getFormattedMessage().endsWith("opened"), events.toString());
      String close = events.get(1).getFormattedMessage();
      assertTrue(close.contains(" closed after ") && close.contains(": 2 calls from the peer, "), close);
      assertNotNull(events.get(1).getMDCPropertyMap().get("spindle.conn"));
    });
  }

  /** The avatar. */
  public static final class Avatar implements Perspective {
    public String perspective_whoami() {
      return MDC.get("spindle.avatar") + " " + MDC.get("spindle.protocol");
    }
  }

  @Test
  void afterAPbLoginTheAvatarIdIsInTheMdc() {
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
      users.addUser("alice", "secret");
      Realm realm = (id, mind, interfaces) -> CompletableFuture.completedFuture(
          LoginResult.of(Perspective.class, new Avatar()));
      try (PbServer server = PbServer.builder().portal(new Portal(realm, users)).start();
          PbClient client = PbClient.builder().build()) {
        RemoteReference avatar = client.login("127.0.0.1", server.port(),
            UsernamePassword.of("alice", "secret"), null).get(15, TimeUnit.SECONDS);
        assertEquals("alice twisted_pb", avatar.callRemote("whoami").get(15, TimeUnit.SECONDS));
      }
    });
  }
}
