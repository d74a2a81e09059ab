package dev.spindle.interop.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbServer;
import dev.spindle.testing.LeakChecked;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real Twisted 22.4 PB client ({@code pb_peer.py client}: PBClientFactory) against a Java PB
 * server whose root is {@link PeerRoot}. The Python side runs every check itself (each jelly type
 * echoed, keyword arguments, trap() on Java failures, a Copyable error, Referenceables both ways,
 * a reference sent back, copies both ways, a Cacheable with three updates and stoppedObserving, a
 * Viewable, answerRequired=0, decref seen by Java, 1,000 calls in flight, 1 MiB paged each way)
 * and prints one line per check.
 */
@Tag("interop")
@LeakChecked
class TwistedPbClientJavaServerTest {
  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void twistedClientPassesEveryCheckAgainstJavaServer() throws Exception {
    try (PbServer server =
        PbServer.builder()
            .bind("127.0.0.1", 0)
            .root(new PeerRoot())
            .jelly(PeerTypes.registry())
            .remoteCache("spindle.interop.Counter", PeerTypes.RemoteCounter::new)
            .start()) {
      TwistedPeer.ClientRun run =
          TwistedPeer.runClient("pb_peer.py", 120, String.valueOf(server.port()));
      List<String> failures = run.linesStartingWith("FAIL");
      assertEquals(List.of(), failures, String.join("\n", run.lines()));
      assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
      for (String paging : List.of("ok 1 MiB paged from Java", "ok 1 MiB paged to Java")) {
        assertTrue(run.lines().contains(paging), paging + "\n" + String.join("\n", run.lines()));
      }
      // pb_peer.py's checks: 23 values echoed, 3 traps, 20 others (sharing, references,
      // copyables, the cacheable and its 3 updates, viewable, decref, 1,000 calls, paging).
      int ok = run.linesStartingWith("ok ").size();
      assertEquals(46, ok, "checks passed: " + ok + "\n" + String.join("\n", run.lines()));
      assertEquals(List.of("summary: ok=46 failed=0"), run.linesStartingWith("summary"));
    }
  }
}
