package dev.spindle.transport.internal;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * TLS handlers for AMP and PB connections, with the same checks for both.
 *
 * <p>Which side is the TLS client: the side that opened the TCP connection, as in Twisted 22.4
 * (its {@code startTLS} defaults to {@code normal=True}; Twisted issues #5690 and #3278). A
 * client handler checks that the peer's certificate names the host connected to ({@code HTTPS}
 * endpoint identification) unless hostname verification is off.
 */
public final class TlsSupport {
  private TlsSupport() {}

  /**
   * True on the side that opened the TCP connection: the TLS client, as in Twisted.
   *
   * @param ch a channel
   * @return true if {@code ch} has no parent, that is it was not accepted by a server channel
   */
  public static boolean isTcpClient(Channel ch) {
    return ch.parent() == null;
  }

  /**
   * A TLS handler for {@code ch}.
   *
   * @param context the TLS context, for the side {@link #isTcpClient} says; not null
   * @param ch the channel the handler is for
   * @param host the host connected to (client side; null: the channel's remote address)
   * @param port its port
   * @param verifyHostname whether a client checks that the certificate names {@code host}
   * @return a new handler, to go first in the pipeline
   * @throws IllegalArgumentException if {@code context} is for the other side of the connection
   */
  public static SslHandler newHandler(
      SslContext context, Channel ch, String host, int port, boolean verifyHostname) {
    if (context.isClient() != isTcpClient(ch)) {
      throw new IllegalArgumentException(
          "a " + (isTcpClient(ch) ? "client" : "server")
              + " SslContext is needed on this connection: the side that opened the TCP"
              + " connection is the TLS client, as in Twisted");
    }
    if (!context.isClient()) {
      return context.newHandler(ch.alloc());
    }
    if (host == null && ch.remoteAddress() instanceof InetSocketAddress a) {
      host = a.getHostString();
      port = a.getPort();
    }
    SslHandler h = host == null ? context.newHandler(ch.alloc()) : context.newHandler(ch.alloc(), host, port);
    SSLEngine engine = h.engine();
    SSLParameters p = engine.getSSLParameters();
    // "" rather than null: the JDK keeps the previous algorithm when given null.
    p.setEndpointIdentificationAlgorithm(verifyHostname ? "HTTPS" : "");
    engine.setSSLParameters(p);
    return h;
  }

  /**
   * The TLS session of {@code ch} once TLS is on and its handshake done, else null (also for a
   * null channel).
   *
   * @param ch a channel, or null
   * @return the session, or null before the handshake is done or without TLS
   */
  public static SSLSession session(Channel ch) {
    SslHandler ssl = ch == null ? null : ch.pipeline().get(SslHandler.class);
    if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
      return null;
    }
    return ssl.engine().getSession();
  }
}
