package dev.spindle.interop.tls;

import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.CommandLocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** The Java side of tls_peer.py: the same commands, and a line protocol to switch to. */
final class TlsPeers {
  private static final Pattern CN = Pattern.compile("(?:^|,)CN=([^,]*)");

  private TlsPeers() {}

  /** Echo, PeerInfo and SwitchToLines, as tls_peer.py's Peer answers them. */
  static CommandLocator locator(AmpConnection c) {
    return name ->
        switch (name) {
          case "Echo" ->
              box -> CompletableFuture.completedFuture(new AmpBox().put("text", box.get("text")));
          case "PeerInfo" -> box -> CompletableFuture.completedFuture(peerInfo(c.sslSession()));
          case "SwitchToLines" ->
              c.protocolSwitchResponder(
                  box -> new LineEcho(new String(box.get("greeting"), StandardCharsets.UTF_8)));
          default -> null;
        };
  }

  static AmpBox peerInfo(SSLSession session) {
    return new AmpBox()
        .putString("secure", session != null ? "True" : "False")
        .putString("peer", peerName(session));
  }

  /** The CN of the peer's certificate, "" without TLS or a peer certificate. */
  static String peerName(SSLSession session) {
    if (session == null) {
      return "";
    }
    try {
      Certificate[] chain = session.getPeerCertificates();
      String dn = ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
      Matcher m = CN.matcher(dn);
      return m.find() ? m.group(1) : "";
    } catch (SSLPeerUnverifiedException e) {
      return "";
    }
  }

  /** A line protocol: collects CRLF-terminated lines. */
  abstract static class Lines extends ChannelInboundHandlerAdapter {
    private final StringBuilder pending = new StringBuilder();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf buf = (ByteBuf) msg;
      try {
        pending.append(buf.toString(StandardCharsets.UTF_8));
      } finally {
        buf.release();
      }
      int end;
      while ((end = pending.indexOf("\r\n")) >= 0) {
        String line = pending.substring(0, end);
        pending.delete(0, end + 2);
        lineReceived(ctx, line);
      }
    }

    abstract void lineReceived(ChannelHandlerContext ctx, String line);

    static void send(ChannelHandlerContext ctx, String line) {
      ctx.writeAndFlush(Unpooled.copiedBuffer(line + "\r\n", StandardCharsets.UTF_8));
    }
  }

  /** After a switch: greets, then echoes each line as "echo: line"; "bye" closes (as LineEcho). */
  static final class LineEcho extends Lines {
    private final String greeting;

    LineEcho(String greeting) {
      this.greeting = greeting;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      send(ctx, greeting);
    }

    @Override
    void lineReceived(ChannelHandlerContext ctx, String line) {
      if (line.equals("bye")) {
        ctx.close();
      } else {
        send(ctx, "echo: " + line);
      }
    }
  }

  /**
   * The calling side's protocol after a switch: waits for the greeting, sends "hello", and
   * completes {@link #lines} with the greeting and the echo.
   */
  static final class LineClient extends Lines {
    final CompletableFuture<List<String>> lines = new CompletableFuture<>();
    private final List<String> received = new ArrayList<>();

    @Override
    void lineReceived(ChannelHandlerContext ctx, String line) {
      received.add(line);
      if (received.size() == 1) {
        send(ctx, "hello");
      } else if (received.size() == 2) {
        send(ctx, "bye");
        lines.complete(List.copyOf(received));
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      lines.completeExceptionally(new IllegalStateException("closed after " + received));
    }
  }
}
