package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaEncoder;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.transport.TransportOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue #11's time limits and budget on PB, against raw sockets: a peer that never completes the
 * Banana dialect handshake, one that starts an expression and stalls, and one holding the most of
 * the budget are closed; a normal client on the same server keeps being answered.
 */
class PbTimeLimitsTest {
  private static final int WAIT_MS = 10_000;

  /** The root: {@code echo}. */
  public static final class Echo implements Referenceable {
    public Object remote_echo(Object value) {
      return value;
    }
  }

  private static void bounded(Executable test) {
    assertTimeoutPreemptively(Duration.ofSeconds(60), test);
  }

  private static PbServer server(TransportOptions options) {
    return PbServer.builder().transportOptions(options).root(new Echo()).start();
  }

  private static void assertClosedByServer(Socket s) throws IOException {
    s.setSoTimeout(WAIT_MS);
    InputStream in = s.getInputStream();
    try {
      while (in.read() != -1) {
        // the dialect offer, then nothing
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server did not close the connection within " + WAIT_MS + " ms", e);
    } catch (IOException reset) {
      // closed (reset) by the server
    }
  }

  private static void assertServed(PbServer server) throws Exception {
    try (PbClient client = PbClient.builder().build()) {
      RemoteReference root = client.getRootObject("127.0.0.1", server.port()).get(WAIT_MS, TimeUnit.MILLISECONDS);
      assertEquals("hi", root.callRemote("echo", "hi").get(WAIT_MS, TimeUnit.MILLISECONDS));
    }
  }

  private static void chooseDialect(Socket s) throws IOException {
    s.getOutputStream().write(BananaEncoder.encode(BananaDialect.PB.toSexp(), BananaDialect.NONE));
  }

  @Test
  void aPeerThatNeverCompletesTheDialectHandshakeIsClosed() {
    bounded(() -> {
      try (PbServer server = server(TransportOptions.builder().handshakeTimeout(Duration.ofMillis(300)).build());
          Socket silent = new Socket("127.0.0.1", server.port())) {
        assertClosedByServer(silent);
        assertServed(server);
      }
    });
  }

  @Test
  void anExpressionThatStartsAndStallsIsClosedAtTheFrameTimeout() {
    bounded(() -> {
      try (PbServer server = server(TransportOptions.builder().frameTimeout(Duration.ofMillis(300)).build());
          Socket slow = new Socket("127.0.0.1", server.port())) {
        chooseDialect(slow);
        byte[] list = BananaEncoder.encode(Sexp.list(new Sexp.Int(1), new Sexp.Int(2)), BananaDialect.PB);
        slow.getOutputStream().write(Arrays.copyOf(list, list.length - 1)); // all but the last byte
        assertClosedByServer(slow);
        assertServed(server);
      }
    });
  }

  @Test
  void pastTheBudgetTheConnectionHoldingTheMostIsClosedAndTheOthersAreServed() {
    bounded(() -> {
      try (PbServer server = server(TransportOptions.builder().memoryBudget(100_000).build());
          Socket big = new Socket("127.0.0.1", server.port());
          Socket small = new Socket("127.0.0.1", server.port())) {
        chooseDialect(small);
        chooseDialect(big);
        byte[] smallString = BananaEncoder.encode(new Sexp.Bytes(new byte[20_000]), BananaDialect.PB);
        byte[] bigString = BananaEncoder.encode(new Sexp.Bytes(new byte[90_000]), BananaDialect.PB);
        small.getOutputStream().write(Arrays.copyOf(smallString, smallString.length - 1));
        big.getOutputStream().write(Arrays.copyOf(bigString, bigString.length - 1));
        assertClosedByServer(big);
        assertServed(server);
      }
    });
  }
}
