package dev.spindle.attacks;

import static dev.spindle.attacks.Wire.ampBox;
import static dev.spindle.attacks.Wire.a;
import static dev.spindle.attacks.Wire.i;
import static dev.spindle.attacks.Wire.l;
import static dev.spindle.attacks.Wire.pb;
import static dev.spindle.attacks.Wire.rootCall;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Finding 6: password guessing from 8 connections of one address for 2 s, against the AMP login
 * server and the PB portal, both with their default throttle. Every guess is answered with
 * Twisted's refusal ({@code UNAUTHORIZED_LOGIN}, {@code twisted.cred.error.UnauthorizedLogin})
 * or held by the throttle; the checker is asked at most a handful of times (5 free failures, then
 * one attempt a delay apart). Before: nothing throttled, 47 ms per guess, so 2 s of 8 connections
 * checked hundreds of guesses.
 */
class LoginAttacksTest extends AttackTestBase {
  private static final Duration ATTACK = Duration.ofSeconds(2);
  /** How long an attacker waits for an answer before counting the guess as held. */
  private static final Duration PATIENCE = Duration.ofMillis(1500);
  /**
   * 5 free, one started at once and answered 1 s late, one started 1 s later and one 3 s later
   * (8 connections in flight race for the free ones); slack for timing. Unthrottled: hundreds.
   */
  private static final int MAX_CHECKS = 12;

  @Test
  void ampPasswordGuessing() throws Exception {
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger held = new AtomicInteger();
    underAttack("amp-login-guessing", ctx -> {
      parallel(8, ATTACK, (t, n) -> {
        try (Socket s = Wire.connect(target.ampLogin.port())) {
          s.getOutputStream().write(ampBox("_ask", "1", "_command", "PasswordLogin",
              "username", AttackTarget.USER));
          Wire.readUntil(s, "challenge", PATIENCE.multipliedBy(4));
          s.getOutputStream().write(ampBox("_ask", "2", "_command", "PasswordChallengeResponse",
              "cnonce", "0123456789abcdef", "response", "not-the-right-sha1-x"));
          count(Wire.tryReadUntil(s, "UNAUTHORIZED_LOGIN", PATIENCE), refused, held);
        }
      });
      ctx.measureHeap();
    });
    report("AMP", refused, held);
  }

  @Test
  void pbPasswordGuessing() throws Exception {
    AtomicInteger refused = new AtomicInteger();
    AtomicInteger held = new AtomicInteger();
    ByteArrayOutputStream guess = new ByteArrayOutputStream();
    guess.writeBytes(pb(rootCall(1, "login", true, Sexp.ascii(AttackTarget.USER))));
    // The challenger is the connection's first exported object: luid 1.
    guess.writeBytes(pb(l(a("message"), i(2), i(1), a("respond"), i(1),
        l(a("tuple"), Sexp.bytes("0123456789abcdef".getBytes(StandardCharsets.US_ASCII)),
            l(a("None"))),
        l(a("dictionary")))));
    byte[] bytes = guess.toByteArray();
    underAttack("pb-login-guessing", ctx -> {
      parallel(8, ATTACK, (t, n) -> {
        try (Socket s = Wire.pbConnect(target.pb.port())) {
          s.getOutputStream().write(bytes);
          count(Wire.tryReadUntil(s, "UnauthorizedLogin", PATIENCE), refused, held);
        }
      });
      ctx.measureHeap();
    });
    report("PB", refused, held);
  }

  private static void count(String answer, AtomicInteger refused, AtomicInteger held) {
    (answer == null ? held : refused).incrementAndGet();
  }

  private void report(String protocol, AtomicInteger refused, AtomicInteger held) {
    int checks = target.passwordChecks();
    System.out.printf("[attack] %s login guessing: %d guesses refused, %d held by the throttle, "
        + "%d checked by the checker%n", protocol, refused.get(), held.get(), checks);
    assertTrue(refused.get() >= 5, "the free failures are refused: " + refused);
    assertTrue(checks <= MAX_CHECKS, checks + " password checks in " + ATTACK);
  }
}
