package dev.spindle.pb;

import static dev.spindle.pb.Msg.a;
import static dev.spindle.pb.Msg.dict;
import static dev.spindle.pb.Msg.i;
import static dev.spindle.pb.Msg.l;
import static dev.spindle.pb.Msg.tuple;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.flavors.Root;
import dev.spindle.testing.LeakChecked;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, finding 3 (PB): calls that fail, whether on the peer's input or in the method, and
 * want no answer, cannot flood the log: 10,000 of them give a bounded number of lines. The tests
 * log through slf4j-simple, which writes to {@code System.err} at INFO and above.
 */
@LeakChecked
class LogFloodTest {
  private static final String CONNECT = "02827062" + "028013870681";
  private static final int CALLS = 10_000;

  /** A root whose method throws. */
  public static final class Target implements Root {
    public void remote_fail(long x) {
      throw new IllegalStateException("failed on purpose");
    }
  }

  private static String captureStderr(Runnable action) {
    PrintStream saved = System.err;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(saved);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static long lines(String text) {
    return text.lines().count();
  }

  private static String captured(String what, Runnable action) {
    String log = captureStderr(action);
    System.out.println("LOGLINES " + what + ": " + lines(log) + " lines for " + CALLS + " calls");
    return log;
  }

  private static void flood(String method, boolean badArgument) {
    EmbeddedPb server = EmbeddedPb.server(new Target(), PbServer.builder());
    try {
      server.next();
      server.feed(CONNECT);
      server.next();
      for (int n = 1; n <= CALLS; n++) {
        // no answer wanted: nothing to carry the error back, so only the log would tell
        server.feed(l(a("message"), i(n), a("root"), a(method), i(0),
            tuple(badArgument ? a("not a number") : i(n)), dict()));
      }
      assertTrue(server.channel.isOpen());
      assertEquals(null, server.next(), "no answers");
    } finally {
      server.close();
    }
  }

  @Test
  void callsRefusedOnTheirArgumentsLogABoundedNumberOfLines() {
    String log = captured("refused on arguments", () -> flood("fail", true));
    assertTrue(lines(log) <= 10, lines(log) + " lines:\n" + log.substring(0, Math.min(log.length(), 5000)));
    assertTrue(log.contains("refused a call to fail from the peer"), log);
  }

  @Test
  void callsToUnknownMethodsLogABoundedNumberOfLines() {
    String log = captured("unknown method", () -> flood("nosuch", false));
    assertTrue(lines(log) <= 10, lines(log) + " lines:\n" + log.substring(0, Math.min(log.length(), 5000)));
  }

  @Test
  void aMethodsOwnExceptionsAreWarnedWithTheirStackTraceButRateLimited() {
    String log = captured("method exception", () -> flood("fail", false));
    assertTrue(log.contains("IllegalStateException: failed on purpose"), log);
    assertTrue(log.contains("at dev.spindle.pb.LogFloodTest$Target.remote_fail"), "with its stack trace");
    // one stack trace, one summary on close; far from 10,000 of each
    assertTrue(lines(log) <= 200, lines(log) + " lines");
    assertTrue(log.contains("9999 more failed calls wanting no answer"), log.lines().filter(s -> s.contains("more")).toList().toString());
  }
}
