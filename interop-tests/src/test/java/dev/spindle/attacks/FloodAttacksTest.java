package dev.spindle.attacks;

import static dev.spindle.attacks.Wire.ampBox;
import static dev.spindle.attacks.Wire.pb;
import static dev.spindle.attacks.Wire.rootCall;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Read fairness (issue 11): many connections at once, each pipelining thousands of small messages
 * that the server must answer or count. An event loop takes one read of at most {@code
 * maxBytesPerRead} (16 KiB by default) from a connection before it serves the
 * next, so a normal client sharing the loop waits for a few such reads, not for every attacker's
 * whole flood. Before the limit a loop read up to 16 x 64 KiB per connection per turn, and 16
 * such connections raised a probe's p50 to 90 ms and its p90 past 250 ms here (750 ms in {@code
 * AttackLoad}). {@code -Dspindle.attacks.maxBytesPerRead=0} runs these with Netty's default.
 *
 * @see dev.spindle.transport.TransportOptions#maxBytesPerRead()
 */
class FloodAttacksTest extends AttackTestBase {
  private static final Duration ATTACK = Duration.ofMillis(2000);
  /**
   * The same attack before the measured one: in a fresh JVM the JIT compiler's threads otherwise
   * take a third of this machine's two cores during the attack, which is not the server's doing.
   */
  private static final Duration WARM_UP = Duration.ofMillis(1000);
  private static final int CONNECTIONS = 16;
  private static final int MESSAGES = 10_000 * SCALE;

  /** 16 connections, each 10,000 unknown AMP commands (360 KB) then a Sum, again and again. */
  @Test
  void pipelinedUnknownCommandsFromManyConnections() throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] one = ampBox("_ask", "1", "_command", "NoSuchCommand");
    for (int k = 0; k < MESSAGES; k++) {
      all.writeBytes(one);
    }
    all.writeBytes(ampBox("_ask", "2", "_command", "Sum", "a", "1", "b", "2"));
    byte[] bytes = all.toByteArray();
    Attacker attacker = (t, n) -> {
      try (Socket s = Wire.connect(target.amp.port())) {
        s.getOutputStream().write(bytes);
        String seen = Wire.skipUntil(s, "total\u0000\u00013", 4096, Wire.READ_TIMEOUT);
        assertTrue(seen.contains("UNHANDLED"), "Twisted's answer to an unknown command");
      }
    };
    flood("amp-unknown-commands", bytes.length, attacker);
  }

  /**
   * 16 PB connections, each 10,000 calls to a method the root lacks, wanting no answer (before
   * login), then a login call, again and again.
   */
  @Test
  void pipelinedFailingCallsFromManyConnections() throws Exception {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int id = 1; id <= MESSAGES; id++) {
      all.writeBytes(pb(rootCall(id, "noSuchMethod", false)));
    }
    all.writeBytes(pb(rootCall(0, "login", true, Sexp.ascii("alice"))));
    byte[] bytes = all.toByteArray();
    Attacker attacker = (t, n) -> {
      try (Socket s = Wire.pbConnect(target.pb.port())) {
        s.getOutputStream().write(bytes);
        Wire.skipUntil(s, Wire.PB_REMOTE, 0, Wire.READ_TIMEOUT); // the login's challenger
      }
    };
    flood("pb-failing-calls", bytes.length, attacker);
  }

  /** Runs {@code attacker} from 16 connections unmeasured ({@link #WARM_UP}), then under attack. */
  private void flood(String name, int bytes, Attacker attacker) throws Exception {
    parallel(CONNECTIONS, WARM_UP, attacker);
    underAttack(name + " " + CONNECTIONS + " x " + MESSAGES + " pipelined (" + bytes + " bytes each)",
        HEAP_BOUND, 30, ctx -> parallel(CONNECTIONS, ATTACK, attacker));
  }
}