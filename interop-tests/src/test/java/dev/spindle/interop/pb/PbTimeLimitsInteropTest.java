package dev.spindle.interop.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spindle.testing.LeakChecked;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.pb.PbServer;
import dev.spindle.transport.TransportOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A normal Twisted 22.4 PB client is never cut off by the time limits: its whole check suite
 * ({@code pb_peer.py client}: 1,000 calls in flight, 1 MiB paged each way, Cacheables) passes
 * against a server whose limits are far tighter than the defaults (handshake 5 s, frame 2 s, idle
 * 10 s, a 64 MiB memory budget).
 */
@Tag("interop")
@LeakChecked
class PbTimeLimitsInteropTest {
  @Test
  @Timeout(value = 150, unit = TimeUnit.SECONDS)
  void aTwistedClientPassesEveryCheckUnderTightLimits() throws Exception {
    try (PbServer server = PbServer.builder()
        .bind("127.0.0.1", 0)
        .transportOptions(TransportOptions.builder()
            .handshakeTimeout(Duration.ofSeconds(5))
            .frameTimeout(Duration.ofSeconds(2))
            .idleTimeout(Duration.ofSeconds(10))
            .memoryBudget(64L * 1024 * 1024)
            .build())
        .root(new PeerRoot())
        .jelly(PeerTypes.registry())
        .remoteCache("spindle.interop.Counter", PeerTypes.RemoteCounter::new)
        .start()) {
      TwistedPeer.ClientRun run = TwistedPeer.runClient("pb_peer.py", 120, String.valueOf(server.port()));
      assertEquals(List.of(), run.linesStartingWith("FAIL"), String.join("\n", run.lines()));
      assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
    }
  }
}
