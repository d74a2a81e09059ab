package dev.spindle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.testing.LeakChecked;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A smoke test of the side-by-side load tool: one short row of each pairing, with the real
 * Twisted peer scripts and a Java server JVM, so the build proves the tool and its Python still
 * run. It asserts that every row was measured, never how fast.
 */
@LeakChecked
class SideBySideTest {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void measuresEveryPairingOfOneScenarioWithRealTwistedPeers() throws Exception {
    SideBySide.Options options = SideBySide.Options.parse(
        "--quick", "--seconds", "0.5", "--warmup", "0.2", "--rounds", "1", "--only", "amp-seq",
        "--markdown");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    SideBySide.Results results =
        SideBySide.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

    String log = progress.toString(StandardCharsets.UTF_8);
    for (Pairing p : Pairing.values()) {
      Figures f = results.get(Scenario.AMP_SEQ, p);
      assertNotNull(f, () -> p.label + " not measured: " + results.failure(Scenario.AMP_SEQ, p)
          + "\n" + log);
      assertEquals(1, f.rates().length);
      assertTrue(f.median() > 0, () -> p.label + ": " + f);
      assertTrue(f.hasLatency(), () -> p.label + " has no latency: " + f);
    }
    // The Java server answered STATS before and after its rows (a count, not a speed).
    assertTrue(results.serverBytesPerCall(Scenario.AMP_SEQ, Pairing.JAVA_JAVA) > 0);
    assertTrue(results.serverBytesPerCall(Scenario.AMP_SEQ, Pairing.TWISTED_JAVA) > 0);
    String table = ResultTable.render(results, options);
    assertTrue(table.contains("| AMP Sum, one at a time | Java → Java |"), table);
    assertTrue(table.contains("|  | Twisted → Twisted |"), table);
  }
}
