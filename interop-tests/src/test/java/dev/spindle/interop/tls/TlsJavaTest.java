package dev.spindle.interop.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.amp.exceptions.TlsHandshakeException;
import dev.spindle.amp.exceptions.UnhandledCommandException;
import dev.spindle.interop.testing.TestCerts;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.exceptions.PbTlsHandshakeException;
import dev.spindle.testing.LeakChecked;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS, StartTLS and protocol switches between two Spindle ends: verification on by default (a
 * wrong host name or an untrusted CA fails the connect with a typed exception), mutual TLS, and the
 * error paths Twisted peers do not exercise.
 */
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsJavaTest {
  private static AmpServer tlsServer(String stem) throws Exception {
    return AmpServer.builder()
        .sslContext(TestCerts.server(stem))
        .locatorFactory(TlsPeers::locator)
        .start();
  }

  private static String echo(AmpConnection c, String text) throws Exception {
    return c.callRemoteString("Echo", new AmpBox().putString("text", text))
        .get(20, TimeUnit.SECONDS)
        .getString("text");
  }

  private static AmpBox peerInfo(AmpConnection c) throws Exception {
    return c.callRemoteString("PeerInfo", new AmpBox()).get(20, TimeUnit.SECONDS);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    return assertThrows(ExecutionException.class, () -> f.get(20, TimeUnit.SECONDS)).getCause();
  }

  @Test
  void mutualTls() throws Exception {
    try (AmpServer server =
            AmpServer.builder()
                .sslContext(TestCerts.mutualServer())
                .locatorFactory(TlsPeers::locator)
                .start();
        AmpClient client = AmpClient.builder().sslContext(TestCerts.clientWithCertificate()).build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      AmpBox info = peerInfo(c);
      assertEquals("True", info.getString("secure"));
      assertEquals("spindle-client", info.getString("peer"));
      assertEquals("spindle-server", TlsPeers.peerName(c.sslSession()));
    }
  }

  @Test
  void hostNameIsVerifiedByName() throws Exception {
    try (AmpServer server = tlsServer("server");
        AmpClient client = AmpClient.builder().sslContext(TestCerts.client()).build()) {
      AmpConnection c = client.connect("localhost", server.port()).get(20, TimeUnit.SECONDS);
      assertEquals("by name", echo(c, "by name"));
    }
  }

  @Test
  void wrongHostNameFailsTheConnect() throws Exception {
    try (AmpServer server = tlsServer("wronghost");
        AmpClient client = AmpClient.builder().sslContext(TestCerts.client()).build()) {
      Throwable e = failure(client.connect("127.0.0.1", server.port()));
      TlsHandshakeException tls = assertInstanceOf(TlsHandshakeException.class, e);
      assertInstanceOf(SSLHandshakeException.class, tls.getCause());
      assertTrue(hasCause(tls, CertificateException.class), () -> "cause: " + tls.getCause());
    }
  }

  @Test
  void wrongHostNameIsAcceptedOnlyWhenVerificationIsTurnedOff() throws Exception {
    try (AmpServer server = tlsServer("wronghost");
        AmpClient client =
            AmpClient.builder()
                .sslContext(TestCerts.client())
                .insecureSkipHostnameVerification()
                .build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      assertEquals("insecure", echo(c, "insecure"));
    }
  }

  @Test
  void untrustedCertificateAuthorityFailsTheConnect() throws Exception {
    try (AmpServer server = tlsServer("rogue");
        AmpClient client =
            AmpClient.builder()
                .sslContext(TestCerts.client())
                .insecureSkipHostnameVerification()
                .build()) {
      Throwable e = failure(client.connect("127.0.0.1", server.port()));
      assertInstanceOf(SSLHandshakeException.class, assertInstanceOf(TlsHandshakeException.class, e).getCause());
    }
  }

  @Test
  void plainClientAgainstTlsServerFails() throws Exception {
    try (AmpServer server = tlsServer("server");
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      assertInstanceOf(
          ConnectionLostException.class,
          failure(c.callRemoteString("Echo", new AmpBox().putString("text", "x"))));
    }
  }

  @Test
  void contextOfTheWrongSideIsRefused() throws Exception {
    assertThrows(
        IllegalArgumentException.class,
        () -> AmpServer.builder().sslContext(TestCerts.client()).start());
    assertThrows(
        IllegalArgumentException.class,
        () -> AmpClient.builder().sslContext(TestCerts.server("server")).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> PbClient.builder().sslContext(TestCerts.server("server")).build());
  }

  // ---- StartTLS ----------------------------------------------------------------------------------

  @Test
  void clientStartsTls() throws Exception {
    try (AmpServer server =
            AmpServer.builder()
                .acceptStartTls(TestCerts.mutualServer())
                .locatorFactory(TlsPeers::locator)
                .start();
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      assertEquals("False", peerInfo(c).getString("secure"));
      assertNull(c.sslSession());
      CompletableFuture<SSLSession> tls = c.startTls(TestCerts.clientWithCertificate());
      List<CompletableFuture<AmpBox>> held = new java.util.ArrayList<>();
      for (int i = 0; i < 50; i++) {
        held.add(c.callRemoteString("Echo", new AmpBox().putString("text", "held " + i)));
      }
      assertEquals("spindle-server", TlsPeers.peerName(tls.get(20, TimeUnit.SECONDS)));
      for (int i = 0; i < 50; i++) {
        assertEquals("held " + i, held.get(i).get(20, TimeUnit.SECONDS).getString("text"));
      }
      AmpBox info = peerInfo(c);
      assertEquals("True", info.getString("secure"));
      assertEquals("spindle-client", info.getString("peer"));
      // Only one TLS (Twisted's OnlyOneTLS).
      assertInstanceOf(IllegalStateException.class, failure(c.startTls(TestCerts.client())));
      assertEquals("still open", echo(c, "still open"));
    }
  }

  @Test
  void serverStartsTls() throws Exception {
    CompletableFuture<AmpConnection> accepted = new CompletableFuture<>();
    try (AmpServer server =
            AmpServer.builder()
                .locatorFactory(TlsPeers::locator)
                .onConnection(accepted::complete)
                .start();
        AmpClient client =
            AmpClient.builder()
                .acceptStartTls(TestCerts.client())
                .locatorFactory(TlsPeers::locator)
                .build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      AmpConnection s = accepted.get(20, TimeUnit.SECONDS);
      // The server asks, but the side that opened the TCP connection is still the TLS client.
      assertInstanceOf(IllegalArgumentException.class, failure(s.startTls(TestCerts.client())));
      SSLSession session = s.startTls(TestCerts.server("server")).get(20, TimeUnit.SECONDS);
      assertTrue(session.isValid());
      assertEquals("True", peerInfo(s).getString("secure"));
      assertEquals("True", peerInfo(c).getString("secure"));
      assertEquals("spindle-server", TlsPeers.peerName(c.sslSession()));
    }
  }

  @Test
  void startTlsUnhandledByThePeerClosesTheConnection() throws Exception {
    try (AmpServer server = AmpServer.builder().locatorFactory(TlsPeers::locator).start();
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      CompletableFuture<SSLSession> tls = c.startTls(TestCerts.client());
      CompletableFuture<AmpBox> held = c.callRemoteString("Echo", new AmpBox().putString("text", "x"));
      assertInstanceOf(UnhandledCommandException.class, failure(tls));
      // What was held for TLS is never sent in plain text.
      assertInstanceOf(ConnectionLostException.class, failure(held));
      c.closeFuture().toCompletableFuture().exceptionally(t -> null).get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void startTlsWithAnUntrustedServerFails() throws Exception {
    try (AmpServer server =
            AmpServer.builder()
                .acceptStartTls(TestCerts.server("rogue"))
                .locatorFactory(TlsPeers::locator)
                .start();
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      assertInstanceOf(TlsHandshakeException.class, failure(c.startTls(TestCerts.client())));
    }
  }

  @Test
  void startTlsVerifiesTheHostName() throws Exception {
    try (AmpServer server =
            AmpServer.builder()
                .acceptStartTls(TestCerts.server("wronghost"))
                .locatorFactory(TlsPeers::locator)
                .start();
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      Throwable e = failure(c.startTls(TestCerts.client()));
      assertTrue(hasCause(assertInstanceOf(TlsHandshakeException.class, e), CertificateException.class), e::toString);
    }
  }

  @Test
  void startTlsOnATlsConnectionIsRefusedByTheAnswerer() throws Exception {
    try (AmpServer server =
            AmpServer.builder()
                .sslContext(TestCerts.server("server"))
                .acceptStartTls(TestCerts.server("server"))
                .locatorFactory(TlsPeers::locator)
                .start();
        AmpClient client = AmpClient.builder().sslContext(TestCerts.client()).build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      // Sent as a plain command, so this side does not hold its boxes or start TLS itself.
      Throwable e = failure(c.callRemoteString("StartTLS", new AmpBox()));
      assertEquals("TLS_ERROR", assertInstanceOf(RemoteAmpException.class, e).errorCode());
      assertEquals("still tls", echo(c, "still tls"));
    }
  }

  // ---- Protocol switches -------------------------------------------------------------------------

  @Test
  void switchOverTlsBothWays() throws Exception {
    try (AmpServer server = tlsServer("server");
        AmpClient client = AmpClient.builder().sslContext(TestCerts.client()).build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      CompletableFuture<AmpBox> pending = new CompletableFuture<>();
      TlsPeers.LineClient lines = new TlsPeers.LineClient();
      c.switchProtocol("SwitchToLines", new AmpBox().putString("greeting", "hi over tls"), lines)
          .get(20, TimeUnit.SECONDS);
      assertEquals(List.of("hi over tls", "echo: hello"), lines.lines.get(20, TimeUnit.SECONDS));
      c.closeFuture().toCompletableFuture().get(20, TimeUnit.SECONDS);
      pending.complete(null);
    }
  }

  @Test
  void refusedSwitchKeepsAmp() throws Exception {
    try (AmpServer server = AmpServer.builder().locatorFactory(TlsPeers::locator).start();
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      TlsPeers.LineClient lines = new TlsPeers.LineClient();
      assertInstanceOf(
          UnhandledCommandException.class,
          failure(c.switchProtocol("NoSuchSwitch", new AmpBox(), lines)));
      assertEquals("still amp", echo(c, "still amp"));
    }
  }

  // ---- PB ----------------------------------------------------------------------------------------

  @Test
  void pbOverMutualTls() throws Exception {
    try (PbServer server =
            PbServer.builder().sslContext(TestCerts.mutualServer()).root(new PbEchoRoot()).start();
        PbClient client = PbClient.builder().sslContext(TestCerts.clientWithCertificate()).build()) {
      RemoteReference root =
          client.getRootObject("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      assertEquals(7L, root.callRemote("echo", 7L).get(20, TimeUnit.SECONDS));
    }
  }

  @Test
  void pbWrongHostNameFailsTheConnect() throws Exception {
    try (PbServer server =
            PbServer.builder().sslContext(TestCerts.server("wronghost")).root(new PbEchoRoot()).start();
        PbClient client = PbClient.builder().sslContext(TestCerts.client()).build()) {
      Throwable e = failure(client.connect("127.0.0.1", server.port()));
      assertInstanceOf(SSLHandshakeException.class, assertInstanceOf(PbTlsHandshakeException.class, e).getCause());
    }
  }

  @Test
  void pbWrongHostNameIsAcceptedOnlyWhenVerificationIsTurnedOff() throws Exception {
    try (PbServer server =
            PbServer.builder().sslContext(TestCerts.server("wronghost")).root(new PbEchoRoot()).start();
        PbClient client =
            PbClient.builder()
                .sslContext(TestCerts.client())
                .insecureSkipHostnameVerification()
                .build()) {
      RemoteReference root =
          client.getRootObject("127.0.0.1", server.port()).get(20, TimeUnit.SECONDS);
      assertEquals(3L, root.callRemote("echo", 3L).get(20, TimeUnit.SECONDS));
    }
  }

  // ---- The example -------------------------------------------------------------------------------

  @Test
  void tlsExampleRuns() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    dev.spindle.examples.amp.TlsExample.run(
        TestCerts.dir().toFile(), new java.io.PrintStream(bytes, true, "UTF-8"));
    List<String> lines = List.of(bytes.toString("UTF-8").split("\\R"));
    assertEquals(3, lines.size(), lines::toString);
    assertEquals("TLS from the first byte: echo=hello, server CN=spindle-server", lines.get(0));
    assertEquals("plain: echo=in the clear, TLS: false", lines.get(1));
    assertTrue(
        lines.get(2).startsWith("after StartTLS: echo=secret, server CN=spindle-server, TLS"),
        lines.get(2));
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
  }
}
