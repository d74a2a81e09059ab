package dev.spindle.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.spindle.testing.LeakChecked;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The CI versions of the load tools: a one-minute soak ({@code -Dsoak.seconds=N} to lengthen it)
 * and {@link ManyConnections} with 1,000 connections ({@code -Dsoak.connections=N}), each server
 * in a JVM of its own with a 256 MiB heap. Every answer is checked; no speed is asserted.
 */
@LeakChecked
class SoakTest {
  private static final long SECONDS = Long.getLong("soak.seconds", 60);
  private static final int CONNECTIONS = Integer.getInteger("soak.connections", 1000);

  @Test
  void mixedAmpAndPbCallsWithConnectsAndDisconnectsLoseNothingAndKeepTheHeapFlat() {
    Soak.Result r = assertTimeoutPreemptively(Duration.ofSeconds(SECONDS + 180), () -> Soak.run(
        "--seconds", Long.toString(SECONDS), "--interval", Long.toString(Math.max(5, SECONDS / 4)),
        "--amp-workers", "2", "--pb-workers", "2", "--rate", "2000"));
    System.out.println(r);
    assertEquals(0, r.lost(), r.toString());
    assertEquals(0, r.wrong(), r.toString());
    assertEquals(0, r.duplicated(), r.toString());
    assertTrue(r.ampCalls() > 0 && r.pbCalls() > 0 && r.connects() > 4, r.toString());
    assertTrue(r.ok(), r.toString());
  }

  @Test
  void oneServerProcessHoldsManyAmpConnections() {
    ManyConnections.Result r = assertTimeoutPreemptively(Duration.ofSeconds(300), () ->
        ManyConnections.run("--connections", Integer.toString(CONNECTIONS), "--protocol", "amp",
            "--rounds", "2", "--hold-seconds", "1"));
    System.out.println(r);
    assertEquals(CONNECTIONS, r.held(), r.toString());
    assertTrue(r.ok(), r.toString());
  }

  @Test
  void oneServerProcessHoldsManyPbConnections() {
    ManyConnections.Result r = assertTimeoutPreemptively(Duration.ofSeconds(300), () ->
        ManyConnections.run("--connections", Integer.toString(CONNECTIONS), "--protocol", "pb",
            "--rounds", "2", "--hold-seconds", "1"));
    System.out.println(r);
    assertEquals(CONNECTIONS, r.held(), r.toString());
    assertTrue(r.ok(), r.toString());
  }
}
