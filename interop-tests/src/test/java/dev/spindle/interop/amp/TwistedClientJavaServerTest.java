package dev.spindle.interop.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real Twisted 22.4 client ({@code amp_peer.py client}), Java server, over 127.0.0.1. The Python
 * client runs every check itself (each vector value echoed, every error path, no-answer commands,
 * a call back into the client, out-of-order answers, 1,000 pipelined calls, a 65,535-byte value,
 * and the cases where the server must close) and prints one line per check.
 */
@Tag("interop")
@LeakChecked
class TwistedClientJavaServerTest {
  /**
   * The round-trip vectors amp_peer.py does not echo (it prints "skip" for each): each is checked
   * by one of {@link #CHECKS} or cannot cross TCP.
   */
  private static final List<String> NOT_ECHOED =
      List.of(
          // File descriptors travel only over UNIX sockets.
          "Descriptor: two descriptors sent on one connection",
          // The "everything" check.
          "Everything: every basic type in one box; keys are sorted by bytes",
          // The two requiresAnswer=False checks.
          "requiresAnswer=False: no _ask key (the tag counter still advances)",
          // The "box-level responder" check.
          "callRemoteString (low level): arbitrary keys; keys sort as unsigned bytes"
              + " ('A' < '_' < 'a'); second call has no _ask");

  /** amp_peer.py's checks after the echoes, in the order it runs them. */
  private static final List<String> CHECKS =
      List.of(
          "everything",
          "sum",
          "divide",
          "declared error ZERO_DIVISION",
          "declared error BAD_VALUE",
          "unhandled command",
          "box-level responder",
          "requiresAnswer=False returns nothing",
          "requiresAnswer=False delivered",
          "server calls back into the client",
          "answers out of order",
          "1000 pipelined calls",
          "65535-byte value",
          "fatal error FATAL_PROBLEM",
          "fatal error closes",
          "undeclared error is UNKNOWN",
          "undeclared error closes",
          "bad argument is UNKNOWN",
          "bad argument closes",
          "missing argument is UNKNOWN",
          "missing argument closes",
          "unknown command without _ask closes",
          "empty box closes");

  /** Twisted's low-level {@code amp_PING}: found by the upper-cased command name. */
  static final BoxResponder PING =
      box -> CompletableFuture.completedFuture(new AmpBox().put("pong", box.get("payload")));

  static CommandLocator locatorFor(AmpConnection connection) {
    CommandLocator boxLevel =
        name -> name.toUpperCase(Locale.ROOT).equals("PING") ? PING : null;
    return new PeerResponders_AmpLocator(new PeerResponders(), connection).orElse(boxLevel);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twistedClientPassesEveryCheckAgainstJavaServer() throws Exception {
    try (AmpServer server =
        AmpServer.builder()
            .bind("127.0.0.1", 0)
            .locatorFactory(TwistedClientJavaServerTest::locatorFor)
            .start()) {
      TwistedPeer.ClientRun run =
          TwistedPeer.runClient(
              "amp_peer.py", 100, String.valueOf(server.port()), Vectors.dir().toString());
      List<String> failures = run.linesStartingWith("FAIL");
      assertEquals(List.of(), failures, String.join("\n", run.lines()));
      assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
      List<String> echoed = new ArrayList<>();
      List<String> skipped = new ArrayList<>();
      for (JsonElement v : Vectors.load("amp-boxes.json").getAsJsonArray("roundtrip")) {
        String description = v.getAsJsonObject().get("description").getAsString();
        (NOT_ECHOED.contains(description) ? skipped : echoed).add(description);
      }
      assertEquals(NOT_ECHOED, skipped, "every vector amp_peer.py skips is in the file");
      List<String> expected = new ArrayList<>();
      echoed.forEach(d -> expected.add("ok echo " + d));
      CHECKS.forEach(c -> expected.add("ok " + c));
      String all = String.join("\n", run.lines());
      assertEquals(expected, run.linesStartingWith("ok "), all);
      assertEquals(
          NOT_ECHOED,
          run.linesStartingWith("skip ").stream()
              .map(l -> l.substring("skip ".length(), l.lastIndexOf(": ")))
              .toList(),
          all);
      assertEquals(
          List.of("summary: ok=" + expected.size() + " failed=0 skipped=" + NOT_ECHOED.size()),
          run.linesStartingWith("summary"),
          all);
    }
  }
}
