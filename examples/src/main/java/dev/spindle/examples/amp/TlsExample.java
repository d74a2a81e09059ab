package dev.spindle.examples.amp;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.CommandLocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.io.PrintStream;
import java.security.cert.X509Certificate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSession;

/**
 * AMP over TLS, both ways Twisted offers: TLS from the first byte ({@code listenSSL}) and
 * StartTLS on a plain connection ({@code amp.StartTLS}). Starts two servers on 127.0.0.1, one of
 * each kind, calls each with a client that verifies the server's certificate, and prints what
 * happened. Usage: {@code TlsExample CERT_DIR}, a directory with {@code ca.crt}, {@code
 * server.crt} and {@code server.key} (PEM), for example made by {@code /usr/bin/python3
 * interop-tests/src/test/python/gen_certs.py /tmp/spindle-certs}.
 */
public final class TlsExample {
  private TlsExample() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: TlsExample CERT_DIR (ca.crt, server.crt, server.key)");
      System.exit(2);
    }
    run(new File(args[0]), System.out);
  }

  /** Echoes its {@code text} argument. */
  private static final CommandLocator ECHO =
      name ->
          name.equals("Echo")
              ? box -> CompletableFuture.completedFuture(new AmpBox().put("text", box.get("text")))
              : null;

  /** Runs both servers and both clients, printing one line per step. */
  public static void run(File certs, PrintStream out) throws Exception {
    SslContext serverTls =
        SslContextBuilder.forServer(new File(certs, "server.crt"), new File(certs, "server.key"))
            .build();
    // Trusts our test CA only, and checks that the certificate names the host connected to.
    SslContext clientTls =
        SslContextBuilder.forClient().trustManager(new File(certs, "ca.crt")).build();

    try (AmpServer tlsServer = AmpServer.builder().sslContext(serverTls).locator(ECHO).start();
        AmpServer plainServer =
            AmpServer.builder().acceptStartTls(serverTls).locator(ECHO).start();
        AmpClient tlsClient = AmpClient.builder().sslContext(clientTls).build();
        AmpClient plainClient = AmpClient.builder().build()) {
      AmpConnection c = tlsClient.connect("127.0.0.1", tlsServer.port()).get(10, TimeUnit.SECONDS);
      out.println("TLS from the first byte: " + echo(c, "hello") + ", server " + subject(c.sslSession()));

      AmpConnection p = plainClient.connect("127.0.0.1", plainServer.port()).get(10, TimeUnit.SECONDS);
      out.println("plain: " + echo(p, "in the clear") + ", TLS: " + (p.sslSession() != null));
      // The side that opened the TCP connection is the TLS client, as in Twisted.
      SSLSession session = p.startTls(clientTls).get(10, TimeUnit.SECONDS);
      out.println("after StartTLS: " + echo(p, "secret") + ", server " + subject(session)
          + ", " + session.getProtocol());
    }
  }

  private static String echo(AmpConnection c, String text) throws Exception {
    AmpBox answer =
        c.callRemoteString("Echo", new AmpBox().putString("text", text)).get(10, TimeUnit.SECONDS);
    return "echo=" + answer.getString("text");
  }

  private static String subject(SSLSession session) throws Exception {
    return ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
  }
}
