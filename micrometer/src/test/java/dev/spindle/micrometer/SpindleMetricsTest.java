package dev.spindle.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.login.Perspective;
import dev.spindle.testing.LeakChecked;
import dev.spindle.transport.CallRejectedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every meter of {@link SpindleMetrics}, driven by real AMP and PB traffic on 127.0.0.1. */
@LeakChecked
@Timeout(60)
class SpindleMetricsTest {
  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(15, TimeUnit.SECONDS);
  }

  /** The avatar. */
  public static final class Avatar implements Perspective {
    public long perspective_add(long a, long b) {
      return a + b;
    }
  }

  private static byte[] box(String... pairs) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (String p : pairs) {
      byte[] b = p.getBytes(StandardCharsets.US_ASCII);
      out.write(b.length >>> 8);
      out.write(b.length);
      out.writeBytes(b);
    }
    out.write(0);
    out.write(0);
    return out.toByteArray();
  }

  /** Writes {@code bytes} raw and waits until the server closes the socket. */
  private static void rawAndWaitForClose(int port, byte[] bytes) throws Exception {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(15_000);
      OutputStream out = s.getOutputStream();
      out.write(bytes);
      out.flush();
      while (s.getInputStream().read() >= 0) {
        // drain until the server closes
      }
    }
  }

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void everyMeterIsRecorded() throws Exception {
    SpindleMetrics metrics = SpindleMetrics.create(registry);
    CommandLocator locator = name -> box -> CompletableFuture.completedFuture(new AmpBox().putString("r", "x".repeat(64)));
    try (AmpServer server = metrics.instrument(AmpServer.builder()).locator(locator)
            .intercept((call, next) -> {
              if (call.method().equals("Forbidden")) {
                throw new CallRejectedException("DENIED", "no");
              }
              return next.proceed();
            })
            .maxValueLength(100)
            // Tiny marks: every answer passes the high mark until flushed (a backpressure pause).
            .writeBufferWaterMark(1, 2)
            .start();
        AmpClient client = metrics.instrument(AmpClient.builder()).build()) {
      AmpConnection c = await(client.connect("127.0.0.1", server.port()));
      assertEquals("x".repeat(64), await(c.callRemoteString("Hello", new AmpBox())).getString("r"));
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> await(c.callRemoteString("Forbidden", new AmpBox())));
      assertInstanceOf(RemoteAmpException.class, e.getCause());
      await(c.close().toCompletableFuture());
      // A protocol error (an answer to a call never made) and a limit (a value over 100 bytes).
      rawAndWaitForClose(server.port(), box("_answer", "99"));
      rawAndWaitForClose(server.port(), box("_ask", "1", "_command", "Hello", "v", "y".repeat(200)));
    }

    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice", "secret");
    Realm realm = (id, mind, interfaces) -> CompletableFuture.completedFuture(
        LoginResult.of(Perspective.class, new Avatar()));
    try (PbServer server = metrics.instrument(PbServer.builder()).portal(new Portal(realm, users)).start();
        PbClient client = metrics.instrument(PbClient.builder()).build()) {
      RemoteReference avatar = await(client.login("127.0.0.1", server.port(),
          UsernamePassword.of("alice", "secret"), null));
      assertEquals(3L, await(avatar.callRemote("add", 1, 2)));
      assertThrows(ExecutionException.class, () -> await(client.login("127.0.0.1", server.port(),
          UsernamePassword.of("alice", "wrong"), null)));
    }

    Set<String> names = new TreeSet<>();
    for (Meter m : registry.getMeters()) {
      names.add(m.getId().getName());
    }
    assertEquals(new TreeSet<>(Set.of(
        "spindle.server.requests.received", "spindle.server.responses.sent",
        "spindle.server.processing.duration", "spindle.server.calls.active",
        "spindle.client.requests.sent", "spindle.client.responses.received",
        "spindle.client.processing.duration", "spindle.client.calls.active",
        "spindle.connection.bytes.read", "spindle.connection.bytes.written",
        "spindle.connections.open", "spindle.connections.opened", "spindle.connections.closed",
        "spindle.connection.backpressure.pauses", "spindle.protocol.errors",
        "spindle.limit.violations", "spindle.logins")), names);

    // Calls, by protocol, method and status.
    assertEquals(2.0, count("spindle.server.requests.received", "rpc.system", "twisted_amp", "rpc.method", "Hello")
        + count("spindle.server.requests.received", "rpc.system", "twisted_amp", "rpc.method", "Forbidden"));
    assertEquals(1.0, count("spindle.server.responses.sent", "rpc.method", "Hello", "status", "OK"));
    assertEquals(1.0, count("spindle.server.responses.sent", "rpc.method", "Forbidden", "status", "DENIED"));
    assertEquals(1.0, count("spindle.server.responses.sent", "rpc.system", "twisted_pb", "rpc.service", "Avatar",
        "rpc.method", "add", "status", "OK"));
    assertTrue(count("spindle.client.requests.sent", "rpc.system", "twisted_amp") >= 2);
    // The client sees the refusal's AMP code too (RemoteAmpException.errorCode()).
    assertEquals(1.0, count("spindle.client.responses.received", "rpc.method", "Forbidden", "status", "DENIED"));
    assertTrue(count("spindle.client.responses.received", "rpc.system", "twisted_pb", "rpc.method", "add") == 1);
    Timer t = registry.find("spindle.server.processing.duration").tag("rpc.method", "Hello").timer();
    assertNotNull(t);
    assertEquals(1, t.count());
    assertTrue(t.totalTime(TimeUnit.NANOSECONDS) > 0);
    assertNotNull(registry.find("spindle.client.processing.duration").tag("rpc.system", "twisted_pb").timer());
    // Nothing in flight once done; no connection left open.
    for (Gauge g : registry.find("spindle.server.calls.active").gauges()) {
      assertEquals(0.0, g.value());
    }
    for (Gauge g : registry.find("spindle.client.calls.active").gauges()) {
      assertEquals(0.0, g.value());
    }
    for (Gauge g : registry.find("spindle.connections.open").gauges()) {
      assertEquals(0.0, g.value(), g.getId().toString());
    }
    assertTrue(count("spindle.connections.opened", "rpc.system", "twisted_amp", "side", "server") >= 3);
    assertTrue(count("spindle.connections.opened", "rpc.system", "twisted_pb", "side", "client") >= 2);
    assertTrue(count("spindle.connections.closed", "rpc.system", "twisted_amp") >= 3);
    assertTrue(count("spindle.connection.bytes.read", "rpc.system", "twisted_amp", "side", "server") > 200);
    assertTrue(count("spindle.connection.bytes.written", "rpc.system", "twisted_pb", "side", "client") > 0);
    assertTrue(count("spindle.connection.backpressure.pauses", "rpc.system", "twisted_amp") >= 1);
    assertEquals(1.0, count("spindle.protocol.errors", "rpc.system", "twisted_amp"));
    assertEquals(1.0, count("spindle.limit.violations", "rpc.system", "twisted_amp", "limit", "length"));
    assertEquals(1.0, count("spindle.limit.violations", "rpc.system", "twisted_amp", "limit", "interceptor"));
    assertEquals(1.0, count("spindle.logins", "rpc.system", "twisted_pb", "result", "success"));
    assertEquals(1.0, count("spindle.logins", "rpc.system", "twisted_pb", "result", "failure"));
  }

  private double count(String name, String... tags) {
    double sum = 0;
    for (Counter c : registry.find(name).tags(tags).counters()) {
      sum += c.count();
    }
    return sum;
  }
}
