package dev.spindle.interop.testing;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Certificates for the TLS tests, made once per test JVM by {@code gen_certs.py} (Python's
 * cryptography, which comes with python3-openssl) in a temporary directory: a test CA, a server
 * certificate for localhost and 127.0.0.1, a client certificate, one naming the wrong host, and one
 * from a CA no test trusts. No key is committed.
 */
public final class TestCerts {
  private static Path dir;

  private TestCerts() {}

  /** The directory holding the certificates (see gen_certs.py), made on first use. */
  public static synchronized Path dir() {
    if (dir == null) {
      try {
        Path d = Files.createTempDirectory("spindle-certs");
        d.toFile().deleteOnExit();
        Process p =
            new ProcessBuilder(
                    TwistedPeer.python(), TwistedPeer.script("gen_certs.py").toString(), d.toString())
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new IllegalStateException("gen_certs.py did not finish within 60 s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
          throw new IllegalStateException("gen_certs.py failed: " + out);
        }
        for (File f : d.toFile().listFiles()) {
          f.deleteOnExit();
        }
        dir = d;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return dir;
  }

  /** A file of {@link #dir()}, e.g. {@code "ca.crt"}. */
  public static File file(String name) {
    return dir().resolve(name).toFile();
  }

  /** A server context with the certificate {@code stem} ("server", "wronghost", "rogue"). */
  public static SslContext server(String stem) throws SSLException {
    return SslContextBuilder.forServer(file(stem + ".crt"), file(stem + ".key"))
        .sslProvider(SslProvider.JDK)
        .build();
  }

  /** A server context that requires a client certificate signed by the test CA. */
  public static SslContext mutualServer() throws SSLException {
    return SslContextBuilder.forServer(file("server.crt"), file("server.key"))
        .sslProvider(SslProvider.JDK)
        .trustManager(file("ca.crt"))
        .clientAuth(ClientAuth.REQUIRE)
        .build();
  }

  /** A client context trusting the test CA only. */
  public static SslContext client() throws SSLException {
    return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(file("ca.crt")).build();
  }

  /** A client context trusting the test CA and presenting the client certificate. */
  public static SslContext clientWithCertificate() throws SSLException {
    return SslContextBuilder.forClient()
        .sslProvider(SslProvider.JDK)
        .trustManager(file("ca.crt"))
        .keyManager(file("client.crt"), file("client.key"))
        .build();
  }
}
