package dev.spindle.interop.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.testing.Vectors;
import dev.spindle.amp.testing.LeakChecked;
import dev.spindle.interop.testing.TwistedPeer;
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
  /** Twisted's low-level {@code amp_PING}: found by the upper-cased command name. */
  static final BoxResponder PING =
      box -> CompletableFuture.completedFuture(new AmpBox().put("pong", box.get("payload")));

  static CommandLocator locatorFor(PeerResponders responders) {
    CommandLocator boxLevel =
        name -> name.toUpperCase(Locale.ROOT).equals("PING") ? PING : null;
    return new PeerResponders_AmpLocator(responders).orElse(boxLevel);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void twistedClientPassesEveryCheckAgainstJavaServer() throws Exception {
    try (AmpServer server =
        AmpServer.builder()
            .bind("127.0.0.1", 0)
            .locatorFactory(c -> locatorFor(new PeerResponders(c)))
            .start()) {
      TwistedPeer.ClientRun run =
          TwistedPeer.runClient(
              "amp_peer.py", 100, String.valueOf(server.port()), Vectors.dir().toString());
      List<String> failures = run.linesStartingWith("FAIL");
      assertEquals(List.of(), failures, String.join("\n", run.lines()));
      assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
      int ok = run.linesStartingWith("ok ").size();
      assertTrue(ok >= 95, "checks passed: " + ok + "\n" + String.join("\n", run.lines()));
    }
  }
}
