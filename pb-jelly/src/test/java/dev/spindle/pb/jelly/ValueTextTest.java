package dev.spindle.pb.jelly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bounded, identity-aware text of received values. */
class ValueTextTest {
  @Test
  void pythonLikeText() {
    assertEquals("None", ValueText.describe(null));
    assertEquals("int 3", ValueText.describe(3L));
    assertEquals("str 'it\\'s\\n'", ValueText.describe("it's\n"));
    assertEquals("bytes b'a\\x00'", ValueText.describe(ByteString.of((byte) 'a', (byte) 0)));
    assertEquals("tuple (1,)", ValueText.describe(Tuple.of(1L)));
    assertEquals("tuple (1, None, True)", ValueText.describe(Tuple.of(1L, null, true)));
    assertEquals("list []", ValueText.describe(List.of()));
    LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
    m.put("k", List.of(1.5, new BigInteger("12345678901234567890")));
    assertEquals("dict {'k': [1.5, 12345678901234567890]}", ValueText.describe(m));
    assertEquals("frozenset frozenset({1})", ValueText.describe(FrozenSet.of(1L)));
    assertEquals("set set()", ValueText.describe(new LinkedHashSet<>()));
    assertEquals("java.lang.Object", ValueText.describe(new Object()));
    assertEquals("[<java.lang.Object>]", ValueText.repr(List.of(new Object()), 100));
  }

  @Test
  void longTextIsCutAtTheBudget() {
    String text = ValueText.repr("x".repeat(1_000_000), 40);
    assertEquals(40, text.length());
    assertTrue(text.endsWith("..."), text);
    List<Object> many = new ArrayList<>();
    for (int i = 0; i < 1_000_000; i++) {
      many.add((long) i);
    }
    assertEquals("[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11...", ValueText.repr(many, 40));
  }

  @Test
  void sharedContainersAndCyclesAreWrittenOnce() {
    List<Object> self = new ArrayList<>();
    self.add(self);
    assertEquals("[...]", ValueText.repr(self, 100));
    List<Object> shared = List.of(1L);
    assertEquals("[[1], ...]", ValueText.repr(List.of(shared, shared), 100));
    Map<Object, Object> loop = new LinkedHashMap<>();
    loop.put("a", List.of(loop));
    assertEquals("{'a': [...]}", ValueText.repr(loop, 100));
  }

  @Test
  void aMaximallySharedDagCostsLinearWork() {
    Object level = new ArrayList<>();
    for (int d = 0; d < 10_000; d++) {
      List<Object> next = new ArrayList<>();
      next.add(level);
      next.add(level);
      level = next;
    }
    Object top = level;
    // 2**10000 paths; and 10,000 levels deep, deeper than any Java stack would recurse
    String text = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> ValueText.repr(top, 1000));
    assertTrue(text.startsWith("[[[[[[[["), text);
    assertEquals(1000, text.length());
  }
}
