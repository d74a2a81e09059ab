package dev.spindle.interop.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.banana.BananaEncodingException;
import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.Vectors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Banana's {@code SIZE_LIMIT} (655,360) at the edge, against a real Twisted 22.4 PB server
 * ({@code pb_peer.py server}): a byte string of exactly the limit goes to Twisted and comes back;
 * Spindle refuses to send one byte more (the call fails with a {@link BananaEncodingException},
 * nothing is written, the connection goes on); and Twisted, sent a header announcing one byte more
 * (on a raw socket, since Spindle will not), raises {@code BananaError("Security precaution:
 * String too long.")} and drops the connection before the body arrives.
 */
@Tag("interop")
@LeakChecked
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BananaLimitsInteropTest {
  private static TwistedPeer twisted;

  @BeforeAll
  static void start() throws Exception {
    twisted = TwistedPeer.startServer("pb_peer.py");
  }

  @AfterAll
  static void stop() throws Exception {
    if (twisted != null) {
      twisted.close();
    }
  }

  @Test
  void aStringOfExactlySizeLimitGoesBothWaysAndOneMoreIsRefusedBeforeSending() throws Exception {
    PbClient client = PbClient.builder().jelly(PeerTypes.registry()).build();
    try {
      RemoteReference root =
          client.getRootObject("127.0.0.1", twisted.port()).get(10, TimeUnit.SECONDS);
      byte[] largest = new byte[BananaLimits.SIZE_LIMIT];
      Arrays.fill(largest, (byte) 'x');
      Object back = root.callRemote("echo", ByteString.of(largest)).get(30, TimeUnit.SECONDS);
      assertEquals(ByteString.of(largest), back);

      ExecutionException e = assertThrows(ExecutionException.class,
          () -> root.callRemote("echo", ByteString.of(new byte[BananaLimits.SIZE_LIMIT + 1]))
              .get(10, TimeUnit.SECONDS));
      assertTrue(causedBy(e, BananaEncodingException.class), () -> "failed with " + e.getCause());
      assertEquals(1L, root.callRemote("echo", 1).get(10, TimeUnit.SECONDS));
    } finally {
      client.close();
    }
  }

  @Test
  void twistedDropsTheConnectionOnAStringHeaderOneOverSizeLimit() throws Exception {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", twisted.port()), 10_000);
      s.setSoTimeout(30_000);
      // Choose the pb dialect, send PB's version, then announce 655,361 bytes (base-128 digits
      // 1, 0, 40, then the STRING type byte) and send nothing more.
      s.getOutputStream().write(Vectors.hex("02827062" + "028013870681" + "01002882"));
      String all = Vectors.toHex(readToEnd(s.getInputStream()));
      // Twisted wrote its dialect offer and version, nothing in answer to the header, and closed;
      // the error drops the connection without flushing, so even those may not have left.
      String offerAndVersion = "02800282706204826e6f6e65" + "028013870681";
      assertTrue(offerAndVersion.startsWith(all), () -> "Twisted sent " + all);
    }
  }

  private static boolean causedBy(Throwable t, Class<? extends Throwable> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return true;
      }
    }
    return false;
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
