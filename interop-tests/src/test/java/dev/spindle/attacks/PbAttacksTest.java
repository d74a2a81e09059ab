package dev.spindle.attacks;

import static dev.spindle.attacks.Wire.a;
import static dev.spindle.attacks.Wire.i;
import static dev.spindle.attacks.Wire.l;
import static dev.spindle.attacks.Wire.pb;
import static dev.spindle.attacks.Wire.rootCall;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Plain-socket attacks on a Portal-backed PB server, before login (against {@code root.login}, as
 * an anonymous peer can), each checked by {@link AttackTestBase#underAttack}.
 */
class PbAttacksTest extends AttackTestBase {
  private static final Duration ATTACK = Duration.ofMillis(1500);
  private static final Duration LIMIT = Duration.ofSeconds(5);
  private static final HexFormat HEX = HexFormat.of();

  /**
   * {@code depth} levels of lists, level n holding level n-1 twice (inline and as a jelly
   * dereference): 2**depth paths in about 12 bytes a level.
   */
  static Sexp dag(int depth) {
    Sexp level = l(a("reference"), i(1), l(a("list")));
    for (int d = 1; d <= depth; d++) {
      level = l(a("reference"), i(1 + d), l(a("list"), level, l(a("dereference"), i(d))));
    }
    return level;
  }

  /**
   * Finding 1: the argument list of root.login is a dict holding a DAG of depth 40 (before the
   * fix, depth 25 cost 8.5 s and 1.3 GB, depth 27 34.6 s and 4.5 GB). Answered at once with a
   * TypeError; the connection stays open.
   */
  @Test
  void exponentialDagBeforeLogin() throws Exception {
    Sexp args = l(a("dictionary"), l(a("k"), dag(40)));
    byte[] message = pb(l(a("message"), i(1), a("root"), a("login"), i(1), args, l(a("dictionary"))));
    assertTrue(message.length < 1000, message.length + " bytes");
    underAttack("pb-exponential-dag depth 40 (" + message.length + " bytes)", ctx ->
        parallel(4, ATTACK, (t, n) -> {
          try (Socket s = Wire.pbConnect(target.pb.port())) {
            s.getOutputStream().write(message);
            Wire.readUntil(s, "TypeError", LIMIT);
          }
        }));
  }

  /** Finding 7: an indirect cycle as an argument never sends a VM error's text to the peer. */
  @Test
  void indirectCycleBeforeLogin() throws Exception {
    Sexp cycle = l(a("reference"), i(1), l(a("list"), l(a("tuple"), l(a("dereference"), i(1)))));
    byte[] message = pb(rootCall(1, "login", true, cycle));
    underAttack("pb-indirect-cycle", ctx -> parallel(2, ATTACK, (t, n) -> {
      try (Socket s = Wire.pbConnect(target.pb.port())) {
        s.getOutputStream().write(message);
        s.getOutputStream().write(pb(rootCall(2, "login", true, Sexp.ascii("alice"))));
        String seen = Wire.readUntil(s, Wire.PB_REMOTE, LIMIT); // the second call's answer
        assertFalse(seen.contains("StackOverflow") || seen.contains("OutOfMemory")
            || seen.contains("heap space"), Wire.printable(seen));
      }
    }));
  }

  /**
   * MAX_BROKER_REFS: 1,100 challengers exported; refused, then "Goodbye" on the fourth. Each round
   * is about 70 KB of calls, which the server takes 16 KiB per turn of its loop.
   */
  @Test
  void brokerReferenceOverflowBeforeLogin() throws Exception {
    ByteArrayOutputStream calls = new ByteArrayOutputStream();
    for (int id = 1; id <= 1100; id++) {
      calls.writeBytes(pb(rootCall(id, "login", true, Sexp.ascii("alice"))));
    }
    byte[] all = calls.toByteArray();
    underAttack("pb-max-broker-refs", ctx -> parallel(1, ATTACK, (t, n) -> {
      try (Socket s = Wire.pbConnect(target.pb.port())) {
        Wire.writeQuietly(s, all);
        String seen = Wire.readUntilClosed(s, LIMIT);
        assertTrue(seen.contains("Maximum PB reference count exceeded"), "Twisted's refusal");
      }
    }));
  }

  /**
   * Finding 3 (PB): calls that fail and want no answer, 500 per connection, connection after
   * connection (before the fix: two WARN lines each, 20,001 lines for 10,000 calls). A good call
   * after them is answered.
   */
  @Test
  void failingNoAnswerCallsBeforeLogin() throws Exception {
    ByteArrayOutputStream calls = new ByteArrayOutputStream();
    for (int id = 1; id <= 500 * SCALE; id++) {
      calls.writeBytes(pb(rootCall(id, "noSuchMethod", false)));
    }
    calls.writeBytes(pb(rootCall(0, "login", true, Sexp.ascii("alice"))));
    byte[] all = calls.toByteArray();
    underAttack("pb-failing-no-answer-calls", HEAP_BOUND, 30, ctx ->
        parallel(1, ATTACK, (t, n) -> {
          try (Socket s = Wire.pbConnect(target.pb.port())) {
            s.getOutputStream().write(all);
            Wire.readUntil(s, Wire.PB_REMOTE, Wire.READ_TIMEOUT);
          }
        }));
  }

  /**
   * Finding 2: unfinished expressions of nested empty lists ({@code [[]]}, 4 bytes each) on 4
   * connections, up to 4 MiB each. The decoder counts the heap it builds, so each connection is
   * closed once its expression holds the limit (4 MiB of heap by default, reached after about 2 MB
   * of these bytes), and the heap held stays small. Before the fix nothing was closed and these
   * 16 MiB held 512 MiB (32x).
   */
  @Test
  void nestedEmptyListsHoldLittleHeap() throws Exception {
    int connections = 4;
    // Twisted refuses lists declared longer than 640 K elements, so: a top-level list declaring
    // 100 elements, each a complete list of 500,000 [[]] (2 MB), sent until perConnection.
    int perConnection = 4 * 1024 * 1024 * SCALE;
    byte[] top = HEX.parseHex("6480"); // a list of 100
    byte[] inner = new byte[6 + 4 * 500_000];
    int at = 0;
    for (long v = 500_000; v > 0; v >>>= 7) {
      inner[at++] = (byte) (v & 0x7f);
    }
    inner[at++] = (byte) 0x80;
    for (int k = 0; k < 500_000; k++, at += 4) {
      inner[at] = 0x01;
      inner[at + 1] = (byte) 0x80; // a list of one:
      inner[at + 2] = 0x00;
      inner[at + 3] = (byte) 0x80; // the empty list
    }
    byte[] element = java.util.Arrays.copyOf(inner, at);
    long wire = (long) connections * perConnection;
    underAttack("pb-nested-empty-lists " + connections + " x " + perConnection / MIB + " MiB",
        3 * wire + 32 * MIB, LOG_LINES, ctx -> {
          java.util.List<Socket> held = new java.util.ArrayList<>();
          int closed = 0;
          try {
            for (int c = 0; c < connections; c++) {
              Socket s = Wire.pbConnect(target.pb.port());
              held.add(s);
              s.getOutputStream().write(top);
              int sent = 0;
              while (sent < perConnection && Wire.writeQuietly(s, element)) {
                sent += element.length;
              }
              if (sent < perConnection) {
                closed++; // refused by the expression limit: the connection is closed
                Wire.readUntilClosed(s, LIMIT);
              }
            }
            assertTrue(closed == connections, closed + " of " + connections + " closed");
            // The server has read what it will (each write returned): measure what it holds.
            ctx.measureHeap();
          } finally {
            for (Socket s : held) {
              s.close();
            }
          }
        });
  }

  /** Handshake abuse: an unknown dialect, a wrong version, then random bytes. */
  @Test
  void bogusHandshakesAreClosed() throws Exception {
    underAttack("pb-bogus-handshake", ctx -> parallel(3, ATTACK, (t, n) -> {
      try (Socket s = Wire.connect(target.pb.port())) {
        s.getInputStream().readNBytes(Wire.DIALECT_OFFER.length);
        if (t == 0) {
          s.getOutputStream().write(HEX.parseHex("0282" + "7878")); // "xx": no such dialect
        } else if (t == 1) {
          s.getOutputStream().write(HEX.parseHex("02827062" + "028013870581")); // version 5
        } else {
          byte[] noise = new byte[16 * 1024];
          new Random(n).nextBytes(noise);
          Wire.writeQuietly(s, noise);
        }
        Wire.readUntilClosed(s, LIMIT);
      }
    }));
  }

  /** Banana framing abuse: nesting past 256, a 1 GiB string header, a prefix over 64 bytes. */
  @Test
  void bananaFramingAbuseIsClosed() throws Exception {
    byte[] deep = new byte[2 * 10_000];
    for (int k = 0; k < deep.length; k += 2) {
      deep[k] = 0x01;
      deep[k + 1] = (byte) 0x80; // a list of one, nested
    }
    byte[] hugeString = HEX.parseHex("0000000004" + "82"); // 2**30 bytes declared
    byte[] longPrefix = new byte[100];
    java.util.Arrays.fill(longPrefix, (byte) 0x01);
    underAttack("pb-banana-framing", ctx -> parallel(3, ATTACK, (t, n) -> {
      try (Socket s = Wire.pbConnect(target.pb.port())) {
        Wire.writeQuietly(s, t == 0 ? deep : t == 1 ? hugeString : longPrefix);
        Wire.readUntilClosed(s, LIMIT);
      }
    }));
  }

  /**
   * A decref storm: decrefs of objects never exported. Twisted's {@code proto_decref} raises
   * KeyError out of {@code expressionReceived}, which drops the connection: so does this server,
   * at the first, without answering the call that follows and without a log line each.
   */
  @Test
  void decrefStormBeforeLogin() throws Exception {
    ByteArrayOutputStream storm = new ByteArrayOutputStream();
    for (int id = 0; id < 20_000 * SCALE; id++) {
      storm.writeBytes(pb(l(a("decref"), i(1_000_000 + id))));
    }
    storm.writeBytes(pb(rootCall(1, "login", true, Sexp.ascii("alice"))));
    byte[] all = storm.toByteArray();
    underAttack("pb-decref-storm", ctx -> parallel(2, ATTACK, (t, n) -> {
      try (Socket s = Wire.pbConnect(target.pb.port())) {
        Wire.writeQuietly(s, all);
        String seen = Wire.readUntilClosed(s, LIMIT);
        assertFalse(seen.contains(Wire.PB_ANSWER), "closed before answering: " + Wire.printable(seen));
      }
    }));
  }

  /** Bad UTF-8 in a jelly unicode value: an error answer (Twisted: UnicodeDecodeError). */
  @Test
  void badUtf8BeforeLogin() throws Exception {
    Sexp bad = l(a("unicode"), Sexp.bytes(new byte[] {(byte) 0xff, (byte) 0xfe, (byte) 0xc3}));
    byte[] message = pb(rootCall(1, "login", true, bad));
    underAttack("pb-bad-utf8", ctx -> parallel(2, ATTACK, (t, n) -> {
      try (Socket s = Wire.pbConnect(target.pb.port())) {
        s.getOutputStream().write(message);
        // A CopyableFailure naming Twisted's UnicodeDecodeError; the connection stays open.
        Wire.readUntil(s, "UnicodeDecodeError", LIMIT);
      }
    }));
  }
}
