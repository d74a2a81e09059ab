package dev.spindle.pb.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.exceptions.RemotePbException;
import dev.spindle.pb.jelly.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, finding 1: a received {@code CopyableFailure} whose fields are shared graphs is read
 * in time and memory proportional to what arrived.
 */
class HostileFailuresTest {
  @Test
  void parentsThatAllReferToOneLargeValueAreDecodedOnce() {
    byte[] big = new byte[640 * 1024];
    Arrays.fill(big, (byte) 'x');
    ByteString name = ByteString.of(big);
    List<Object> parents = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      parents.add(name); // on the wire: one string and 99,999 dereferences
    }
    Map<Object, Object> state = new LinkedHashMap<>();
    state.put("type", "builtins.ValueError");
    state.put("parents", parents);
    // decoded once per parent, this would be 64 GB of text
    RemotePbException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Failures.fromState(state));
    assertEquals(100_000, e.parents().size());
    assertSame(e.parents().get(0), e.parents().get(99_999));
  }

  @Test
  void aValueThatIsASharedGraphIsDescribedBriefly() {
    Object level = new ArrayList<>();
    for (int d = 0; d < 60; d++) {
      level = List.of(level, level);
    }
    Map<Object, Object> state = new LinkedHashMap<>();
    state.put("type", "builtins.ValueError");
    state.put("value", level);
    Object value = level;
    RemotePbException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Failures.fromState(state));
    assertTrue(e.value().startsWith("[[[[[[") && e.value().length() <= 200, e.value());
    RemotePbException notADict = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> Failures.fromState(value));
    assertTrue(notADict.value().length() <= 200, notADict.value());
  }
}
