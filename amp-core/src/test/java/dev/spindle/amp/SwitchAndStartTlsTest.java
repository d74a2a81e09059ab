package dev.spindle.amp;

import dev.spindle.amp.exceptions.UnhandledCommandException;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.amp.exceptions.AmpTlsHandshakeException;
import dev.spindle.amp.exceptions.ProtocolSwitchedException;
import dev.spindle.amp.exceptions.AmpConnectionLostException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.codec.AmpBoxDecoder;
import dev.spindle.transport.internal.TransportHandler;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.testing.LeakChecked;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Protocol switches and StartTLS at the byte level, on an embedded channel: what is sent, what is
 * held or refused meanwhile, and where the bytes read past the answer go.
 */
@LeakChecked
class SwitchAndStartTlsTest {
  /** Collects the raw bytes it is given. */
  static final class Recorder extends ChannelInboundHandlerAdapter {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean added;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
      added = true;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf b = (ByteBuf) msg;
      try {
        bytes.writeBytes(ByteBufUtil.getBytes(b));
      } finally {
        b.release();
      }
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static Throwable failure(CompletableFuture<?> f) {
    assertTrue(f.isCompletedExceptionally(), () -> "not failed: " + f);
    try {
      f.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void callerSwitchesAfterTheAnswerAndPassesOnTheBytesAfterIt() {
    try (EmbeddedAmp amp = EmbeddedAmp.of(AmpClient.builder().locator(CommandLocator.NONE))) {
      Recorder next = new Recorder();
      CompletableFuture<AmpBox> switched =
          amp.connection.switchProtocol("Switch", new AmpBox().putString("to", "lines"), next);
      AmpBox sent = amp.onlyWrittenBox();
      assertEquals("Switch", sent.getString("_command"));
      assertEquals("lines", sent.getString("to"));
      assertEquals("1", sent.getString("_ask"));

      // Locked: no AMP traffic once the switch command is out (Twisted's ProtocolSwitched).
      CompletableFuture<AmpBox> refused = amp.connection.callRemoteString("Other", new AmpBox());
      assertInstanceOf(ProtocolSwitchedException.class, failure(refused));
      assertEquals(List.of(), amp.written());

      // The answer and the new protocol's first bytes (here an empty AMP box) in one read.
      byte[] after = concat(ascii("raw line\r\n"), new byte[] {0, 0});
      amp.feed(concat(new AmpBox().putString("_answer", "1").toByteArray(), after));
      assertEquals("1", switched.join().getString("_answer"));
      assertTrue(next.added);
      assertArrayEquals(after, next.bytes.toByteArray());
      assertNull(amp.channel.pipeline().get(AmpBoxDecoder.class));
      assertNull(amp.channel.pipeline().get(TransportHandler.class));
      assertTrue(amp.channel.isOpen());
      assertFalse(amp.connection.isOpen(), "the channel is another protocol's now, as closed for AMP");

      amp.feed(ascii("more"));
      assertArrayEquals(concat(after, ascii("more")), next.bytes.toByteArray());
      assertFalse(amp.connection.closeFuture().toCompletableFuture().isDone());
      amp.channel.close();
      assertTrue(amp.connection.closeFuture().toCompletableFuture().isDone());
    }
  }

  @Test
  void pendingCallsFailWhenTheSwitchHappens() {
    try (EmbeddedAmp amp = EmbeddedAmp.of(AmpClient.builder().locator(CommandLocator.NONE))) {
      CompletableFuture<AmpBox> earlier = amp.connection.callRemoteString("Slow", new AmpBox());
      CompletableFuture<AmpBox> switched =
          amp.connection.switchProtocol("Switch", new AmpBox(), new Recorder());
      assertEquals(2, amp.writtenBoxes().size());
      amp.feed(new AmpBox().putString("_answer", "2"));
      switched.join();
      assertInstanceOf(ProtocolSwitchedException.class, failure(earlier));
    }
  }

  @Test
  void errorAnswerUnlocksAmp() {
    try (EmbeddedAmp amp = EmbeddedAmp.of(AmpClient.builder().locator(CommandLocator.NONE))) {
      Recorder next = new Recorder();
      CompletableFuture<AmpBox> switched = amp.connection.switchProtocol("Switch", new AmpBox(), next);
      amp.written();
      amp.feed(
          new AmpBox()
              .putString("_error", "1")
              .putString("_error_code", "UNHANDLED")
              .putString("_error_description", "no"));
      assertInstanceOf(UnhandledCommandException.class, failure(switched));
      assertFalse(next.added);
      amp.connection.callRemoteString("Other", new AmpBox());
      assertEquals("Other", amp.onlyWrittenBox().getString("_command"));
    }
  }

  @Test
  void responderSwitchesRightAfterItsAnswer() {
    Recorder next = new Recorder();
    try (EmbeddedAmp amp =
        EmbeddedAmp.of(
            AmpServer.builder()
                .locatorFactory(
                    c -> name -> name.equals("Switch") ? c.protocolSwitchResponder(box -> next) : null))) {
      byte[] command =
          new AmpBox().putString("_command", "Switch").putString("_ask", "7").toByteArray();
      amp.feed(concat(command, ascii("first bytes")));
      List<byte[]> written = amp.written();
      assertEquals(1, written.size());
      assertArrayEquals(new AmpBox().putString("_answer", "7").toByteArray(), written.get(0));
      assertArrayEquals(ascii("first bytes"), next.bytes.toByteArray());
      assertNull(amp.channel.pipeline().get(TransportHandler.class));
      // Not AMP any more: the new protocol writes raw bytes.
      amp.channel.writeAndFlush(amp.channel.alloc().buffer().writeBytes(ascii("raw")));
      assertArrayEquals(ascii("raw"), amp.written().get(0));
    }
  }

  @Test
  void startTlsHoldsBoxesAndHandsTheBytesAfterTheAnswerToTls() throws Exception {
    SslContext client = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).build();
    try (EmbeddedAmp amp = EmbeddedAmp.of(AmpClient.builder().locator(CommandLocator.NONE))) {
      CompletableFuture<javax.net.ssl.SSLSession> tls = amp.connection.startTls(client);
      AmpBox sent = amp.onlyWrittenBox();
      assertEquals("StartTLS", sent.getString("_command"));
      assertEquals(2, sent.size()); // _command and _ask only, as Twisted sends it

      CompletableFuture<AmpBox> held = amp.connection.callRemoteString("Echo", new AmpBox());
      assertEquals(List.of(), amp.written());

      // The answer, then bytes that are not TLS: they must reach the TLS handler, not AMP.
      amp.feed(concat(new AmpBox().putString("_answer", "1").toByteArray(), ascii("garbage!")));
      assertTrue(amp.channel.pipeline().get(SslHandler.class) != null || !amp.channel.isOpen());
      for (byte[] w : amp.written()) {
        assertEquals(0x16, w[0], "only TLS records go out after the answer"); // a handshake record
      }
      assertInstanceOf(AmpTlsHandshakeException.class, failure(tls));
      Throwable closed = failure(amp.connection.closeFuture().toCompletableFuture());
      assertFalse(closed instanceof TooLongException, "bytes after the answer were read as AMP");
      assertInstanceOf(AmpConnectionLostException.class, failure(held));
    }
  }
}
