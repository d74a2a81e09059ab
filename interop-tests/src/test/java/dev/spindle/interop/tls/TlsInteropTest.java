package dev.spindle.interop.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.exceptions.ProtocolSwitchedException;
import dev.spindle.interop.testing.TestCerts;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.testing.LeakChecked;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * TLS and protocol switches against real Twisted 22.4 peers ({@code tls_peer.py}): AMP and PB over
 * TLS from the first byte both ways (and mutual TLS), AMP StartTLS asked by each side, and
 * ProtocolSwitchCommand both ways. Certificates come from {@link TestCerts}.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsInteropTest {
  private static final String PEER = "tls_peer.py";

  private static String certs() {
    return TestCerts.dir().toString();
  }

  private static AmpBox call(AmpConnection c, String command, AmpBox args) throws Exception {
    return c.callRemoteString(command, args).get(20, TimeUnit.SECONDS);
  }

  private static String echo(AmpConnection c, String text) throws Exception {
    return call(c, "Echo", new AmpBox().putString("text", text)).getString("text");
  }

  /** The Twisted client passed exactly {@code checks}, in order, and failed none. */
  private static void assertClientPassed(TwistedPeer.ClientRun run, String... checks) {
    String all = String.join("\n", run.lines());
    assertEquals(List.of(), run.linesStartingWith("FAIL"), all);
    assertEquals(0, run.exitCode(), all);
    assertEquals(
        Arrays.stream(checks).map(c -> "ok " + c).toList(), run.linesStartingWith("ok "), all);
  }

  // ---- AMP over TLS from the first byte ----------------------------------------------------------

  @Test
  void javaClientCallsTwistedSslServer() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer(PEER, "amp-ssl", certs());
        AmpClient client = AmpClient.builder().sslContext(TestCerts.client()).build()) {
      AmpConnection c = client.connect("127.0.0.1", twisted.port()).get(20, TimeUnit.SECONDS);
      assertEquals("hello over tls", echo(c, "hello over tls"));
      AmpBox info = call(c, "PeerInfo", new AmpBox());
      assertEquals("True", info.getString("secure"));
      assertEquals("", info.getString("peer"));
      assertEquals("spindle-server", TlsPeers.peerName(c.sslSession()));
    }
  }

  @Test
  void javaClientWithCertificateCallsTwistedMutualTlsServer() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer(PEER, "amp-ssl-mutual", certs());
        AmpClient client = AmpClient.builder().sslContext(TestCerts.clientWithCertificate()).build();
        AmpClient anonymous = AmpClient.builder().sslContext(TestCerts.client()).build()) {
      AmpConnection c = client.connect("127.0.0.1", twisted.port()).get(20, TimeUnit.SECONDS);
      assertEquals("spindle-client", call(c, "PeerInfo", new AmpBox()).getString("peer"));

      // Without a client certificate Twisted refuses the handshake: the connect or (with TLS 1.3,
      // where the client finishes first) the first call fails.
      ExecutionException e =
          assertThrows(
              ExecutionException.class,
              () ->
                  anonymous
                      .connect("127.0.0.1", twisted.port())
                      .thenCompose(a -> a.callRemoteString("Echo", new AmpBox().putString("text", "x")))
                      .get(20, TimeUnit.SECONDS));
      assertInstanceOf(ConnectionLostException.class, e.getCause());
    }
  }

  @Test
  void twistedSslClientCallsJavaServer() throws Exception {
    try (AmpServer server =
        AmpServer.builder()
            .sslContext(TestCerts.server("server"))
            .locatorFactory(TlsPeers::locator)
            .start()) {
      assertClientPassed(
          TwistedPeer.runClient(PEER, 40, "amp-ssl", String.valueOf(server.port()), certs()),
          "echo over tls", "java sees tls", "twisted sees java certificate");
    }
  }

  @Test
  void twistedSslClientWithCertificateCallsJavaMutualTlsServer() throws Exception {
    try (AmpServer server =
        AmpServer.builder()
            .sslContext(TestCerts.mutualServer())
            .locatorFactory(TlsPeers::locator)
            .start()) {
      assertClientPassed(
          TwistedPeer.runClient(PEER, 40, "amp-ssl-mutual", String.valueOf(server.port()), certs()),
          "echo over tls", "java sees tls", "twisted sees java certificate");
    }
  }

  // ---- AMP StartTLS ------------------------------------------------------------------------------

  @Test
  void javaClientStartsTlsWithTwistedServer() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer(PEER, "amp-plain", certs());
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect("127.0.0.1", twisted.port()).get(20, TimeUnit.SECONDS);
      assertEquals("False", call(c, "PeerInfo", new AmpBox()).getString("secure"));
      CompletableFuture<SSLSession> tls = c.startTls(TestCerts.client());
      // Sent before the StartTLS answer: held, then sent encrypted.
      CompletableFuture<AmpBox> early = c.callRemoteString("PeerInfo", new AmpBox());
      SSLSession session = tls.get(20, TimeUnit.SECONDS);
      assertEquals("spindle-server", TlsPeers.peerName(session));
      assertEquals("True", early.get(20, TimeUnit.SECONDS).getString("secure"));
      assertEquals("after starttls", echo(c, "after starttls"));
    }
  }

  @Test
  void twistedClientStartsTlsWithJavaServer() throws Exception {
    try (AmpServer server =
        AmpServer.builder()
            .acceptStartTls(TestCerts.server("server"))
            .locatorFactory(TlsPeers::locator)
            .start()) {
      assertClientPassed(
          TwistedPeer.runClient(PEER, 40, "amp-starttls", String.valueOf(server.port()), certs()),
          "plain before StartTLS",
          "echo after StartTLS",
          "java sees tls after StartTLS",
          "twisted verified java certificate");
    }
  }

  @Test
  void javaServerStartsTlsWithTwistedClient() throws Exception {
    CompletableFuture<SSLSession> started = new CompletableFuture<>();
    try (AmpServer server =
        AmpServer.builder()
            .locatorFactory(TlsPeers::locator)
            .onConnection(
                c -> {
                  try {
                    c.startTls(TestCerts.mutualServer())
                        .whenComplete(
                            (s, e) -> {
                              if (e != null) {
                                started.completeExceptionally(e);
                              } else {
                                started.complete(s);
                              }
                            });
                  } catch (Exception e) {
                    started.completeExceptionally(e);
                  }
                })
            .start()) {
      assertClientPassed(
          TwistedPeer.runClient(
              PEER, 40, "amp-await-starttls", String.valueOf(server.port()), certs()),
          "java sees tls after its StartTLS",
          "twisted verified java certificate",
          "echo after java's StartTLS");
      assertEquals("spindle-client", TlsPeers.peerName(started.get(10, TimeUnit.SECONDS)));
    }
  }

  // ---- ProtocolSwitchCommand ---------------------------------------------------------------------

  @Test
  void javaClientSwitchesTwistedServerToLines() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer(PEER, "amp-plain", certs());
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect("127.0.0.1", twisted.port()).get(20, TimeUnit.SECONDS);
      assertEquals("before", echo(c, "before"));
      TlsPeers.LineClient lines = new TlsPeers.LineClient();
      CompletableFuture<AmpBox> answer =
          c.switchProtocol(
              "SwitchToLines", new AmpBox().putString("greeting", "hi from twisted"), lines);
      // No AMP once the switch command is sent.
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () -> c.callRemoteString("Echo", new AmpBox().putString("text", "x")).get(20, TimeUnit.SECONDS));
      assertInstanceOf(ProtocolSwitchedException.class, refused.getCause());
      answer.get(20, TimeUnit.SECONDS);
      // Twisted's greeting follows its answer at once: the bytes read past the answer reach the
      // new protocol.
      assertEquals(
          List.of("hi from twisted", "echo: hello"), lines.lines.get(20, TimeUnit.SECONDS));
      c.closeFuture().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
  }

  @Test
  void twistedClientSwitchesJavaServerToLines() throws Exception {
    try (AmpServer server = AmpServer.builder().locatorFactory(TlsPeers::locator).start()) {
      assertClientPassed(
          TwistedPeer.runClient(PEER, 40, "amp-switch", String.valueOf(server.port()), certs()),
          "greeting after switch", "line echoed after switch");
    }
  }

  // ---- PB over TLS from the first byte -----------------------------------------------------------

  @Test
  void javaPbClientCallsTwistedSslServer() throws Exception {
    try (TwistedPeer twisted = TwistedPeer.startServer(PEER, "pb-ssl", certs());
        PbClient client = PbClient.builder().sslContext(TestCerts.client()).build()) {
      RemoteReference root =
          client.getRootObject("127.0.0.1", twisted.port()).get(20, TimeUnit.SECONDS);
      assertEquals(42L, root.callRemote("echo", 42L).get(20, TimeUnit.SECONDS));
      assertEquals("", root.callRemote("peer").get(20, TimeUnit.SECONDS));
    }
  }

  @Test
  void twistedPbSslClientCallsJavaServer() throws Exception {
    try (PbServer server =
        PbServer.builder().sslContext(TestCerts.server("server")).root(new PbEchoRoot()).start()) {
      assertClientPassed(
          TwistedPeer.runClient(PEER, 40, "pb-ssl", String.valueOf(server.port()), certs()),
          "pb echo over tls");
    }
  }
}
