package dev.spindle.interop.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spindle.amp.AmpServer;
import dev.spindle.testing.LeakChecked;
import dev.spindle.testing.Vectors;
import dev.spindle.interop.testing.TwistedPeer;
import dev.spindle.transport.TransportOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A normal Twisted 22.4 AMP client is never cut off by the time limits: its whole check suite
 * ({@code amp_peer.py client}: 1,000 pipelined calls, a 65,535-byte value, the error paths) passes
 * against a server whose limits are far tighter than the defaults (handshake 5 s instead of 30,
 * frame 2 s instead of 60, an idle timeout of 10 s instead of none, a 64 MiB memory budget). The
 * interop tests that run with the defaults are the other half of the evidence.
 */
@Tag("interop")
@LeakChecked
class AmpTimeLimitsInteropTest {
  static final TransportOptions TIGHT = TransportOptions.builder()
      .handshakeTimeout(Duration.ofSeconds(5))
      .frameTimeout(Duration.ofSeconds(2))
      .idleTimeout(Duration.ofSeconds(10))
      .memoryBudget(64L * 1024 * 1024)
      .build();

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void aTwistedClientPassesEveryCheckUnderTightLimits() throws Exception {
    try (AmpServer server = AmpServer.builder()
        .bind("127.0.0.1", 0)
        .transportOptions(TIGHT)
        .locatorFactory(TwistedClientJavaServerTest::locatorFor)
        .start()) {
      TwistedPeer.ClientRun run =
          TwistedPeer.runClient("amp_peer.py", 100, String.valueOf(server.port()), Vectors.dir().toString());
      assertEquals(List.of(), run.linesStartingWith("FAIL"), String.join("\n", run.lines()));
      assertEquals(0, run.exitCode(), String.join("\n", run.lines()));
    }
  }
}
