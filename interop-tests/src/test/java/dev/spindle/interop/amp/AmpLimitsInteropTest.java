package dev.spindle.interop.amp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.codec.AmpBoxDecoder;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.testing.LeakChecked;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The AMP length limits at the edge, against a real Twisted 22.4 server ({@code amp_peer.py
 * server}): Twisted takes a 255-byte key and drops the connection, without an answer, on a
 * 256-byte one (its {@code lengthLimitExceeded}); a 65,535-byte value is the most a 16-bit prefix
 * can announce and goes both ways (see also {@code JavaClientTwistedServerTest}); Spindle refuses
 * to send a 256-byte key or a 65,536-byte value, writing nothing, and the connection goes on. The
 * over-limit boxes are written on a raw socket, since Spindle will not send them.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AmpLimitsInteropTest {
  private static TwistedPeer twisted;

  @BeforeAll
  static void start() throws Exception {
    twisted = TwistedPeer.startServer("amp_peer.py");
  }

  @AfterAll
  static void stop() throws Exception {
    if (twisted != null) {
      twisted.close();
    }
  }

  /** A Sum(a=1, b=2) call box, tag 1, with one more key of {@code keyLength} bytes. */
  private static byte[] sumWithExtraKey(int keyLength) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    pair(out, "_ask".getBytes(StandardCharsets.US_ASCII), "1");
    pair(out, "_command".getBytes(StandardCharsets.US_ASCII), "Sum");
    pair(out, "a".getBytes(StandardCharsets.US_ASCII), "1");
    pair(out, "b".getBytes(StandardCharsets.US_ASCII), "2");
    byte[] key = new byte[keyLength];
    Arrays.fill(key, (byte) 'k');
    pair(out, key, "extra");
    out.write(0);
    out.write(0);
    return out.toByteArray();
  }

  private static void pair(ByteArrayOutputStream out, byte[] key, String value) {
    byte[] v = value.getBytes(StandardCharsets.US_ASCII);
    out.write(key.length >>> 8);
    out.write(key.length);
    out.writeBytes(key);
    out.write(v.length >>> 8);
    out.write(v.length);
    out.writeBytes(v);
  }

  private static Socket connect() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", twisted.port()), 10_000);
    s.setSoTimeout(30_000);
    return s;
  }

  @Test
  void twistedAnswersABoxWithAKeyOf255Bytes() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write(sumWithExtraKey(255));
      AmpBox answer = readBox(s.getInputStream());
      assertEquals("1", answer.getString("_answer"));
      assertEquals("3", answer.getString("total"));
    }
  }

  @Test
  void twistedDropsTheConnectionOnAKeyOf256BytesWithoutAnswering() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write(sumWithExtraKey(256));
      byte[] rest = readToEnd(s.getInputStream());
      assertEquals(0, rest.length, "Twisted answered: " + Arrays.toString(rest));
    }
  }

  @Test
  void spindleRefusesToSendTheKeyOf256BytesOrTheValueOf65536AndTheConnectionGoesOn()
      throws Exception {
    AmpClient client = AmpClient.builder().build();
    try {
      AmpConnection c = client.connect("127.0.0.1", twisted.port()).get(10, TimeUnit.SECONDS);
      TooLongException key = assertThrows(TooLongException.class,
          () -> new AmpBox().put(new byte[256], new byte[0]));
      assertTrue(key.isKey() && key.isLocal());
      ExecutionException e = assertThrows(ExecutionException.class,
          () -> c.callRemote(new PeerCommands.EchoBytes(new byte[65_536])).get(10, TimeUnit.SECONDS));
      TooLongException value = assertInstanceOf(TooLongException.class, e.getCause());
      assertTrue(!value.isKey() && value.isLocal());
      byte[] largest = new byte[65_535];
      Arrays.fill(largest, (byte) 7);
      assertArrayEquals(largest,
          c.callRemote(new PeerCommands.EchoBytes(largest)).get(10, TimeUnit.SECONDS).value());
    } finally {
      client.close();
    }
  }

  /** Reads until one complete box has arrived. */
  private static AmpBox readBox(InputStream in) throws IOException {
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder());
    try {
      byte[] buf = new byte[4096];
      while (true) {
        int n = in.read(buf);
        assertTrue(n > 0, "Twisted closed before answering");
        ch.writeInbound(Unpooled.copiedBuffer(buf, 0, n));
        AmpBox box = ch.readInbound();
        if (box != null) {
          return box;
        }
      }
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  /** Reads until the peer closes; fails if it does not within the socket timeout. */
  private static byte[] readToEnd(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[4096];
    try {
      for (int n; (n = in.read(buf)) != -1; ) {
        out.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("Twisted kept the connection open", e);
    }
    return out.toByteArray();
  }
}
