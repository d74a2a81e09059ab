package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.transport.TransportOptions;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue #11's time limits and server-wide budget on AMP, against raw sockets: each closes only the
 * slow (or the most expensive) connection, and a normal client on the same server keeps being
 * answered.
 */
class TimeLimitsTest {
  private static final int WAIT_MS = 10_000;

  private static void bounded(Executable test) {
    assertTimeoutPreemptively(Duration.ofSeconds(60), test);
  }

  private static AmpServer.Builder server(TransportOptions options) {
    BoxResponder count = box -> CompletableFuture.completedFuture(new AmpBox().putString("n", "1"));
    return AmpServer.builder().transportOptions(options).locator(name -> name.equals("Count") ? count : null);
  }

  /** Reads until the server closes the connection; fails if it does not within the wait. */
  private static void assertClosedByServer(Socket s) throws IOException {
    s.setSoTimeout(WAIT_MS);
    InputStream in = s.getInputStream();
    try {
      while (in.read() != -1) {
        // discard
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server did not close the connection within " + WAIT_MS + " ms", e);
    } catch (IOException reset) {
      // closed (reset) by the server
    }
  }

  private static void assertServed(AmpServer server) throws Exception {
    try (AmpClient client = AmpClient.builder().build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(WAIT_MS, TimeUnit.MILLISECONDS);
      assertEquals("1", c.callRemoteString("Count", new AmpBox()).get(WAIT_MS, TimeUnit.MILLISECONDS).getString("n"));
    }
  }

  private static byte[] key(String k) {
    byte[] b = k.getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0);
    out.write(b.length);
    out.writeBytes(b);
    return out.toByteArray();
  }

  private static byte[] value(int length) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(length >> 8);
    out.write(length & 0xff);
    out.writeBytes(new byte[length]);
    return out.toByteArray();
  }

  @Test
  void aBoxThatStartsAndStallsIsClosedAtTheFrameTimeout() {
    bounded(() -> {
      try (AmpServer server = server(TransportOptions.builder().frameTimeout(Duration.ofMillis(300)).build()).start();
          Socket slow = new Socket("127.0.0.1", server.port())) {
        // A key, then a value declared 65,535 bytes long of which 10 arrive.
        slow.getOutputStream().write(key("k"));
        slow.getOutputStream().write(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        assertClosedByServer(slow);
        assertServed(server);
      }
    });
  }

  @Test
  void completeBoxesSentSlowlyOneAfterAnotherAreNeverCutOff() {
    bounded(() -> {
      try (AmpServer server = server(TransportOptions.builder().frameTimeout(Duration.ofMillis(300)).build()).start();
          Socket peer = new Socket("127.0.0.1", server.port())) {
        byte[] call = new AmpBox().putString("_ask", "1").putString("_command", "Count").toByteArray();
        DataInputStream in = new DataInputStream(peer.getInputStream());
        peer.setSoTimeout(WAIT_MS);
        for (int i = 0; i < 3; i++) {
          // Wait longer than the frame timeout between boxes: only an open frame is timed.
          peer.getOutputStream().write(call);
          byte[] answer = new AmpBox().putString("_answer", "1").putString("n", "1").toByteArray();
          byte[] got = new byte[answer.length];
          in.readFully(got);
          Thread.sleep(400); // idle between frames on purpose: the limit under test is per frame
        }
      }
    });
  }

  /**
   * A peer streaming boxes whose every write ends inside the next box: a frame is open after each
   * read, but each one finishes well within the timeout. The timer armed for the first frame used
   * to run out 300 ms later and close the connection, as if one frame had lasted that long.
   */
  @Test
  void aStreamThatAlwaysEndsMidBoxIsNotCutOffWhileEachBoxIsQuick() {
    bounded(() -> {
      try (AmpServer server = server(TransportOptions.builder().frameTimeout(Duration.ofMillis(300)).build()).start();
          Socket peer = new Socket("127.0.0.1", server.port())) {
        byte[] call = new AmpBox().putString("_ask", "1").putString("_command", "Count").toByteArray();
        byte[] answer = new AmpBox().putString("_answer", "1").putString("n", "1").toByteArray();
        int half = call.length / 2;
        DataInputStream in = new DataInputStream(peer.getInputStream());
        peer.setSoTimeout(WAIT_MS);
        peer.getOutputStream().write(call, 0, half);
        for (int i = 0; i < 10; i++) { // 1 s in all, more than three frame timeouts
          Thread.sleep(100); // the pacing under test: each box completes 100 ms after it began
          ByteArrayOutputStream write = new ByteArrayOutputStream();
          write.write(call, half, call.length - half);
          write.write(call, 0, half);
          peer.getOutputStream().write(write.toByteArray());
          in.readFully(new byte[answer.length]);
        }
      }
    });
  }

  @Test
  void anIdleConnectionIsClosedAtTheIdleTimeout() {
    bounded(() -> {
      try (AmpServer server = server(TransportOptions.builder().idleTimeout(Duration.ofMillis(300)).build()).start();
          Socket idle = new Socket("127.0.0.1", server.port())) {
        assertClosedByServer(idle);
        assertServed(server);
      }
    });
  }

  @Test
  void pastTheBudgetTheConnectionHoldingTheMostIsClosedAndTheOthersAreServed() {
    bounded(() -> {
      try (AmpServer server = server(TransportOptions.builder().memoryBudget(200_000).build()).start();
          Socket big = new Socket("127.0.0.1", server.port());
          Socket small = new Socket("127.0.0.1", server.port())) {
        // small: 30,000 bytes of an unfinished box.
        small.getOutputStream().write(key("x"));
        small.getOutputStream().write(value(30_000));
        // big: three values of 60,000 bytes, and the box goes on: 180 KB held, 210 KB in all.
        for (String k : new String[] {"a", "b", "c"}) {
          big.getOutputStream().write(key(k));
          big.getOutputStream().write(value(60_000));
        }
        big.getOutputStream().flush();
        assertClosedByServer(big);
        // small finishes its box: a call, answered.
        small.getOutputStream().write(new AmpBox().putString("_ask", "7").putString("_command", "Count").toByteArray());
        small.setSoTimeout(WAIT_MS);
        byte[] expected = new AmpBox().putString("_answer", "7").putString("n", "1").toByteArray();
        byte[] got = new byte[expected.length];
        new DataInputStream(small.getInputStream()).readFully(got);
        String answer = new String(got, StandardCharsets.ISO_8859_1);
        assertTrue(answer.contains("_answer") && answer.contains("7"), answer);
        assertServed(server);
      }
    });
  }
}
