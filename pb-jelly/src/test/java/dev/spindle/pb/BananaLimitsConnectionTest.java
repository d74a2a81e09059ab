package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.banana.BananaProtocolException;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.PbProtocolException;
import dev.spindle.testing.LeakChecked;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Banana's limits on a PB connection (the real pipeline on an {@code EmbeddedChannel}), at the
 * limit and one past it: a byte string of exactly the size limit is answered; a header announcing
 * one byte more closes the connection at once, before its body, with Twisted's {@code
 * "Security precaution: String too long."} as a {@link PbProtocolException} caused by a {@link
 * BananaProtocolException}, and nothing is written back, as Twisted drops the connection. The
 * configured limit ({@code bananaLimits}) is the one enforced.
 */
@LeakChecked
class BananaLimitsConnectionTest {
  private static final String CONNECT = "02827062" + "028013870681";

  private static EmbeddedPb connected(PbServer.Builder builder) {
    EmbeddedPb server = EmbeddedPb.server(new Goldens.GoldenRoot(), builder);
    server.next(); // the dialect offer
    server.feed(CONNECT);
    server.next(); // the version
    return server;
  }

  /** A Banana STRING header announcing {@code length} bytes (base-128 digits, low first). */
  private static String stringHeader(int length) {
    StringBuilder hex = new StringBuilder();
    int n = length;
    do {
      hex.append(String.format("%02x", n & 0x7f));
      n >>>= 7;
    } while (n > 0);
    return hex + "82";
  }

  private static void assertClosedWithStringTooLong(EmbeddedPb server) {
    server.channel.runPendingTasks();
    assertFalse(server.channel.isOpen(), "still open");
    assertNull(server.next(), "Twisted writes nothing before dropping the connection");
    CompletableFuture<Void> closed = server.connection.closeFuture().toCompletableFuture();
    CompletionException e = assertThrows(CompletionException.class, closed::join);
    PbProtocolException p = assertInstanceOf(PbProtocolException.class, e.getCause());
    BananaProtocolException b = assertInstanceOf(BananaProtocolException.class, p.getCause());
    assertEquals("Security precaution: String too long.", b.getMessage());
  }

  @Test
  void aStringOfExactlySizeLimitIsAnswered() {
    try (EmbeddedPb server = connected(PbServer.builder())) {
      byte[] value = new byte[BananaLimits.SIZE_LIMIT];
      Arrays.fill(value, (byte) 'x');
      server.feed(Msg.callRoot(1, "echo", Sexp.bytes(value)));
      Sexp answer = server.nextSexp();
      assertEquals(Msg.answer(1, Sexp.bytes(value)), answer);
      assertTrue(server.channel.isOpen());
    }
  }

  @Test
  void aStringHeaderOneOverSizeLimitClosesBeforeItsBody() {
    try (EmbeddedPb server = connected(PbServer.builder())) {
      // Inside a call, as a hostile client would: ["message", 1, "root", "echo", 1, ["tuple", <header>
      server.feed("07801a8701810482726f6f7404826563686f01810280" + "0b87"
          + stringHeader(BananaLimits.SIZE_LIMIT + 1));
      assertClosedWithStringTooLong(server);
    }
  }

  @Test
  void theConfiguredSizeLimitIsTheOneEnforced() {
    BananaLimits limits = BananaLimits.builder().sizeLimit(16).build();
    try (EmbeddedPb server = connected(PbServer.builder().bananaLimits(limits))) {
      byte[] sixteen = new byte[16];
      server.feed(Msg.callRoot(1, "echo", Sexp.bytes(sixteen)));
      assertEquals(Msg.answer(1, Sexp.bytes(sixteen)), server.nextSexp());
      server.feed(stringHeader(17));
      assertClosedWithStringTooLong(server);
    }
  }
}
