package dev.spindle.amp.exceptions;

/**
 * A TLS handshake failed: the peer's certificate is not trusted or does not name the host
 * connected to, this side's certificate was refused, or the peer does not speak TLS. The cause is
 * the JDK's {@link javax.net.ssl.SSLException}. A {@link AmpConnectionLostException}: the connection
 * is closed.
 */
public final class AmpTlsHandshakeException extends AmpConnectionLostException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception; {@code cause} is the TLS engine's error.
   *
   * @param message says which handshake failed
   * @param cause the TLS engine's error, usually a {@link javax.net.ssl.SSLException}
   */
  public AmpTlsHandshakeException(String message, Throwable cause) {
    super(message, cause);
  }
}
