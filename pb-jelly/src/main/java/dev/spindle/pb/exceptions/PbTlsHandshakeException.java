package dev.spindle.pb.exceptions;

/**
 * A TLS handshake failed: the server's certificate is not trusted or does not name the host
 * connected to, this side's certificate was refused, or the peer does not speak TLS. The cause is
 * the JDK's {@link javax.net.ssl.SSLException}; the connection is closed.
 */
public final class PbTlsHandshakeException extends PbConnectionLostException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; {@code cause} is the TLS engine's error.
   *
   * @param message the detail message
   * @param cause the TLS engine's error, usually an {@link javax.net.ssl.SSLException}
   */
  public PbTlsHandshakeException(String message, Throwable cause) {
    super(message, cause);
  }
}
