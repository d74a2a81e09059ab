package dev.spindle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.testing.LeakChecked;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A smoke test of the side-by-side load tool: one short round of each pairing for AMP and for PB
 * calls one at a time, with the real Twisted peer scripts and a Java server JVM, so the build
 * proves the tool and its Python still run. It asserts that every row was measured, never how
 * fast.
 */
@LeakChecked
class SideBySideTest {
  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void measuresEveryPairingWithRealTwistedPeers() throws Exception {
    SideBySide.Options options = SideBySide.Options.parse(
        "--quick", "--seconds", "0.5", "--warmup", "0.2", "--rounds", "1", "--only", "amp-seq,pb-seq",
        "--markdown");
    ByteArrayOutputStream progress = new ByteArrayOutputStream();

    SideBySide.Results results =
        SideBySide.run(options, new PrintStream(progress, true, StandardCharsets.UTF_8));

    String log = progress.toString(StandardCharsets.UTF_8);
    for (Scenario s : new Scenario[] {Scenario.AMP_SEQ, Scenario.PB_SEQ}) {
      for (Pairing p : options.pairings()) {
        Figures f = results.get(s, p);
        String row = s.id + " " + p.label;
        assertNotNull(f, () -> row + " not measured: " + results.failure(s, p) + "\n" + log);
        assertEquals(1, f.rates().length);
        assertTrue(f.median() > 0, () -> row + ": " + f);
        assertTrue(f.hasLatency(), () -> row + " has no latency: " + f);
      }
    }
    // The Java server answered STATS before and after its rows (a count, not a speed).
    assertTrue(results.serverBytesPerCall(Scenario.AMP_SEQ, Pairing.JAVA_JAVA) > 0);
    assertTrue(results.serverBytesPerCall(Scenario.PB_SEQ, Pairing.TWISTED_JAVA) > 0);
    String table = ResultTable.render(results, options);
    assertTrue(table.contains("| AMP Sum, one at a time | Java → Java |"), table);
    assertTrue(table.contains("| PB add, one at a time | Java → Java |"), table);
    assertTrue(table.contains("|  | Twisted → Twisted |"), table);
    String svg = ResultChart.render(results, options);
    assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\""), svg);
    assertTrue(svg.contains(">Java → Java</text>"), svg);
    assertTrue(svg.contains("p50 "), svg);
  }
}
