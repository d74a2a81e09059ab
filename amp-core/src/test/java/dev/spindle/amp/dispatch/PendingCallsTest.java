package dev.spindle.amp.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import dev.spindle.cred.testing.Gens;
import dev.spindle.cred.testing.Theories;
import org.junit.jupiter.api.Test;

class PendingCallsTest {
  @Test
  void answersInOrderKeepTheRingSmall() {
    PendingCalls<String> calls = new PendingCalls<>();
    long tag = 0;
    for (int i = 0; i < 100; i++) {
      calls.put(++tag, "c" + tag);
    }
    for (long answered = 1; answered <= 10_000; answered++) {
      assertEquals("c" + answered, calls.remove(answered));
      calls.put(++tag, "c" + tag);
    }
    assertEquals(100, calls.size());
  }

  @Test
  void aCallThatNeverGetsAnAnswerStaysFindable() {
    PendingCalls<String> calls = new PendingCalls<>();
    calls.put(1, "stuck");
    for (long tag = 2; tag < 100_000; tag++) {
      calls.put(tag, "c");
      assertEquals("c", calls.remove(tag));
    }
    assertEquals(1, calls.size());
    assertNull(calls.remove(2));
    assertEquals("stuck", calls.remove(1));
    assertTrue(calls.isEmpty());
  }

  @Test
  void unknownTagsAreNull() {
    PendingCalls<String> calls = new PendingCalls<>();
    assertNull(calls.remove(0));
    assertNull(calls.remove(-1));
    calls.put(17, "a");
    assertNull(calls.remove(1));
    assertNull(calls.remove(33));
    assertEquals("a", calls.remove(17));
    assertNull(calls.remove(17));
  }

  @Test
  void clearForgetsEverything() {
    PendingCalls<String> calls = new PendingCalls<>();
    for (long tag = 1; tag <= 5_000; tag += 3) {
      calls.put(tag, "c" + tag);
    }
    assertEquals(1667, calls.values().size());
    calls.clear();
    assertTrue(calls.isEmpty());
    assertTrue(calls.values().isEmpty());
    assertNull(calls.remove(1));
  }

  /** Random windows of calls answered in random order behave like a map. */
  @Test
  void behavesLikeAMap() {
    Theories.qt(200)
        .forAll(Gens.longs(), Gens.ints(1, 3000), Gens.ints(0, 100))
        .checkAssert(PendingCallsTest::behavesLikeAMap);
  }

  static void behavesLikeAMap(long seed, int window, int answerPercent) {
    Random random = new Random(seed);
    PendingCalls<Long> calls = new PendingCalls<>();
    Map<Long, Long> model = new HashMap<>();
    List<Long> outstanding = new ArrayList<>();
    long tag = 0;
    for (int step = 0; step < 5_000; step++) {
      boolean send = outstanding.isEmpty() || random.nextInt(100) >= answerPercent;
      if (outstanding.size() < window && send) {
        tag++;
        calls.put(tag, tag * 7);
        model.put(tag, tag * 7);
        outstanding.add(tag);
      } else {
        int i = random.nextInt(Math.min(outstanding.size(), 1 + random.nextInt(8)));
        long t = outstanding.remove(i);
        assertEquals(model.remove(t), calls.remove(t));
        assertNull(calls.remove(t));
      }
      assertEquals(model.size(), calls.size());
    }
    assertEquals(new HashSet<>(model.values()), new HashSet<>(calls.values()));
  }
}
