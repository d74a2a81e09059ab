package dev.spindle.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The load tool's option parsing, its reading of the Twisted clients' lines, and wire sizes. */
class OptionsAndFiguresTest {
  @Test
  void parsesTheTwistedClientsResultLine() {
    Figures f = Figures.parse("RESULT rates=100.0,300.5,200.0 p50_us=82.6 p99_us=1845.0 calls=6");

    assertArrayEquals(new double[] {100.0, 300.5, 200.0}, f.rates());
    assertEquals(200.0, f.median());
    assertEquals(100.0, f.min());
    assertEquals(300.5, f.max());
    assertEquals(82.6, f.p50Micros());
    assertEquals(1845.0, f.p99Micros());
  }

  @Test
  void pipelinedResultLinesHaveNoLatency() {
    Figures f = Figures.parse("RESULT rates=17003.9,17527.3 p50_us=nan p99_us=nan calls=34675");

    assertFalse(f.hasLatency());
    assertEquals((17003.9 + 17527.3) / 2, f.median(), 1e-9);
  }

  @Test
  void rejectsLinesThatAreNotResults() {
    assertThrows(IllegalArgumentException.class, () -> Figures.parse("FAIL connection refused"));
    assertThrows(IllegalArgumentException.class, () -> Figures.parse("RESULT calls=3"));
  }

  @Test
  void onlySelectsScenariosProtocolsAndPairings() {
    SideBySide.Options o = SideBySide.Options.parse("--only", "pb,amp-echo,floor,twisted-java");

    assertEquals(
        EnumSet.of(Scenario.AMP_ECHO, Scenario.PB_SEQ, Scenario.PB_INFLIGHT,
            Scenario.PB_TYPED_INFLIGHT), o.scenarios());
    assertEquals(Set.of(Pairing.FLOOR, Pairing.TWISTED_JAVA), o.pairings());
  }

  @Test
  void quickShortensRoundsAndExplicitOptionsWin() {
    SideBySide.Options quick = SideBySide.Options.parse("--quick");
    SideBySide.Options both = SideBySide.Options.parse("--quick", "--seconds", "1", "--rounds", "5");

    assertEquals(SideBySide.QUICK_SECONDS, quick.seconds());
    assertEquals(SideBySide.QUICK_WARMUP, quick.warmup());
    assertEquals(3, quick.rounds());
    assertEquals(1.0, both.seconds());
    assertEquals(5, both.rounds());
    assertEquals(EnumSet.allOf(Scenario.class), quick.scenarios());
  }

  @Test
  void rejectsUnknownOptionsAndNames() {
    assertThrows(IllegalArgumentException.class, () -> SideBySide.Options.parse("--fast"));
    assertThrows(IllegalArgumentException.class, () -> SideBySide.Options.parse("--only", "grpc"));
    assertThrows(IllegalArgumentException.class, () -> SideBySide.Options.parse("--seconds", "0"));
    assertThrows(IllegalArgumentException.class, () -> SideBySide.Options.parse("--rounds"));
  }

  @Test
  void floorSizesAreTheProtocolsMessageSizes() {
    // _ask 186a0, _command Sum, a 100000, b 1: 4 keys and values with 2-byte lengths, and the end.
    assertEquals(2 + 4 + 2 + 5 + 2 + 8 + 2 + 3 + 2 + 1 + 2 + 6 + 2 + 1 + 2 + 1 + 2,
        Scenario.AMP_SEQ.requestBytes());
    assertEquals(2 + 7 + 2 + 5 + 2 + 5 + 2 + 6 + 2, Scenario.AMP_SEQ.responseBytes());
    assertTrue(Scenario.AMP_ECHO.requestBytes() > 60 * 1024);
    assertTrue(Scenario.PB_SEQ.requestBytes() > Scenario.PB_SEQ.responseBytes());
  }
}
