package dev.spindle.amp;

import dev.spindle.amp.codec.AmpBoxDecoder;
import dev.spindle.transport.internal.ChannelSettings;
import dev.spindle.transport.internal.TlsSupport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.util.function.Supplier;

/**
 * TLS on one AMP connection: the options it was opened with, and the pipeline change of
 * StartTLS.
 *
 * <p>Which side is the TLS client: the side that opened the TCP connection, whichever side sent
 * StartTLS, as in Twisted 22.4 (its {@code _TLSBox} and {@code StartTLS} call {@code
 * transport.startTLS(options)} with the default {@code normal=True}; Twisted issues #5690 and
 * #3278).
 */
final class Tls {
  static final AttributeKey<Tls> KEY = AttributeKey.valueOf(Tls.class, "spindle-amp-tls");
  static final String HANDLER = ChannelSettings.TLS_HANDLER;
  static final String DECODER = "amp-decoder";

  /** Answers the peer's StartTLS with this context; null: StartTLS goes to the locator. */
  final SslContext startTlsContext;
  final boolean verifyHostname;
  /** The host and port connected to (client side), for SNI and hostname verification. */
  final String peerHost;
  final int peerPort;
  final Supplier<AmpBoxDecoder> decoders;

  Tls(SslContext startTlsContext, boolean verifyHostname, String peerHost, int peerPort,
      Supplier<AmpBoxDecoder> decoders) {
    this.startTlsContext = startTlsContext;
    this.verifyHostname = verifyHostname;
    this.peerHost = peerHost;
    this.peerPort = peerPort;
    this.decoders = decoders;
  }

  /** True on the side that opened the TCP connection: the TLS client, as in Twisted. */
  static boolean isTcpClient(Channel ch) {
    return TlsSupport.isTcpClient(ch);
  }

  /** A TLS handler for {@code ch}: see {@link TlsSupport#newHandler}. */
  SslHandler newHandler(SslContext context, Channel ch) {
    return TlsSupport.newHandler(context, ch, peerHost, peerPort, verifyHostname);
  }

  static Tls of(Channel ch) {
    return ch.attr(KEY).get();
  }

  /**
   * Puts TLS under the AMP decoder of a running connection (StartTLS): the TLS handler goes after
   * the current decoder, a new decoder after it, and the old decoder leaves, handing the bytes it
   * has read past the last box (the peer's first TLS bytes) to the TLS handler. Event loop only.
   */
  SslHandler startTls(Channel ch, SslContext context) {
    ChannelPipeline p = ch.pipeline();
    if (p.get(SslHandler.class) != null) {
      throw new IllegalStateException("TLS is already started on " + ch);
    }
    SslHandler ssl = newHandler(context, ch);
    ChannelHandlerContext old = p.context(AmpBoxDecoder.class);
    p.addAfter(old.name(), HANDLER, ssl);
    p.addAfter(HANDLER, DECODER + "-tls", decoders.get());
    p.remove(old.handler());
    return ssl;
  }
}
