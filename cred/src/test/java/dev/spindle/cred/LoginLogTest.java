package dev.spindle.cred;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Login lines: who and from where, never a secret, and never a flood. */
class LoginLogTest {
  private static final InetSocketAddress PEER = new InetSocketAddress("127.0.0.1", 4321);

  @Test
  void namesTheUserNeverThePassword() {
    assertEquals("user 'alice'", LoginLog.who(UsernamePassword.of("alice", "hunter2")));
    assertEquals("anonymous", LoginLog.who(Anonymous.INSTANCE));
    assertEquals("no user name", LoginLog.who(null));
    String md5 = LoginLog.who(PbChallenge.random().credentials("bob".getBytes(StandardCharsets.UTF_8),
        "response".getBytes(StandardCharsets.UTF_8)));
    assertEquals("user 'bob'", md5);
  }

  @Test
  void aPeersUserNameCannotForgeLinesOrBeLong() {
    String who = LoginLog.who(UsernamePassword.of("x\n[main] INFO forged 'q' \\", "p"));
    assertFalse(who.contains("\n"), who);
    assertTrue(who.startsWith("user 'x\\u000a[main] INFO forged \\u0027q\\u0027 \\u005c"), who);
    String longName = LoginLog.who(UsernamePassword.of("a".repeat(10_000), "p"));
    assertTrue(longName.length() < LoginLog.MAX_NAME_CHARS + 20, longName);
  }

  @Test
  void aThousandFailedLoginsLogABoundedNumberOfLines() {
    PrintStream original = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setErr(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 1000; i++) {
        LoginLog.failed("PB", UsernamePassword.of("alice", "guess" + i), PEER,
            new UnauthorizedLoginException());
      }
    } finally {
      System.setErr(original);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    long lines = text.lines().count();
    // 20 per 10 s; a slow machine may reach a second window.
    assertTrue(lines >= 1 && lines <= 2 * LoginLog.LINES_PER_PERIOD, lines + " lines:\n" + text);
    assertTrue(text.contains("INFO dev.spindle.cred.LoginLog - PB login failed: user 'alice' from "
        + "/127.0.0.1:4321 (UnauthorizedLoginException)"), text);
    assertFalse(text.contains("guess"), text);
  }
}
