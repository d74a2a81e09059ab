package dev.spindle.pb.jelly;

import static dev.spindle.pb.jelly.S.l;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue #11, finding 1 (the walks other than describing): dictionary keys and set elements that
 * are graphs with maximal sharing cost linear time to check, hash and compare; keys nested too
 * deep or containing themselves are refused, never overflow the stack. Each test would take
 * 2**40 steps if a walk treated the graph as a tree.
 */
class HostileKeysTest {
  private static final Duration BOUND = Duration.ofSeconds(20);
  private static final int DEPTH = 40;
  private final JellyRegistry registry = JellyRegistry.builder().build();

  /** Tuples, level n holding level n-1 twice (inline and as a dereference). */
  static Sexp tupleDag(int depth, int firstId) {
    Sexp level = l("reference", firstId, l("tuple"));
    for (int d = 1; d <= depth; d++) {
      level = l("reference", firstId + d, l("tuple", level, l("dereference", firstId + d - 1)));
    }
    return level;
  }

  /** Frozensets, level n = frozenset({(level n-1,), (level n-1, 1)}). */
  static Sexp frozenDag(int depth, int firstId) {
    Sexp level = l("reference", firstId, l("frozenset"));
    for (int d = 1; d <= depth; d++) {
      Sexp below = l("dereference", firstId + d - 1);
      level = l("reference", firstId + d, l("frozenset", l("tuple", level), l("tuple", below, 1)));
    }
    return level;
  }

  /** The same DAG built in Java. */
  static Tuple javaDag(int depth) {
    Tuple level = Tuple.of();
    for (int d = 1; d <= depth; d++) {
      level = Tuple.of(level, level);
    }
    return level;
  }

  private Object unjelly(Sexp sexp) {
    return assertTimeoutPreemptively(BOUND, () -> registry.unjelly(sexp));
  }

  @Test
  void aTupleDagAsADictionaryKeyIsLinear() {
    Map<?, ?> map = assertInstanceOf(Map.class, unjelly(l("dictionary", l(tupleDag(DEPTH, 1), 7))));
    Tuple key = (Tuple) map.keySet().iterator().next();
    // a distinct but equal graph: hashing and equality follow the sharing
    Tuple probe = javaDag(DEPTH);
    assertEquals(7L, assertTimeoutPreemptively(BOUND, () -> map.get(probe)));
    assertEquals(probe.hashCode(), key.hashCode());
    assertTrue(assertTimeoutPreemptively(BOUND, () -> key.equals(probe) && probe.equals(key)));
  }

  @Test
  void twoEqualDagsInOneSetAreOneElement() {
    Set<?> set = assertInstanceOf(Set.class,
        unjelly(l("set", tupleDag(DEPTH, 1), tupleDag(DEPTH, 100), l("tuple", tupleDag(DEPTH, 200)))));
    assertEquals(2, set.size());
    Set<?> frozen = assertInstanceOf(Set.class,
        unjelly(l("set", frozenDag(DEPTH, 1), frozenDag(DEPTH, 100))));
    assertEquals(1, frozen.size());
  }

  @Test
  void manyKeysSharingOneDagAreCheckedOnce() {
    List<Object> items = new ArrayList<>();
    items.add("dictionary");
    items.add(l(l("tuple", 0, tupleDag(DEPTH, 1)), 0));
    for (int i = 1; i < 20_000; i++) {
      items.add(l(l("tuple", i, l("dereference", DEPTH + 1)), i));
    }
    Map<?, ?> map = assertInstanceOf(Map.class, unjelly(l(items.toArray())));
    assertEquals(20_000, map.size());
  }

  @Test
  void keysNestedTooDeeplyAreRefusedWithoutRecursion() {
    // a chain of 100,000 tuples, each defined flat in a list and holding the previous one
    List<Object> items = new ArrayList<>();
    items.add("list");
    items.add(l("reference", 1, l("tuple")));
    for (int i = 2; i <= 100_000; i++) {
      items.add(l("reference", i, l("tuple", l("dereference", i - 1))));
    }
    Object chain = unjelly(l(items.toArray()));
    assertEquals(100_000, ((List<?>) chain).size());
    items.add(l("dictionary", l(l("dereference", 100_000), 1)));
    MalformedJellyException e = assertThrows(MalformedJellyException.class,
        () -> assertTimeoutPreemptively(BOUND, () -> registry.unjelly(l(items.toArray()))));
    assertTrue(e.getMessage().contains("nested more than " + Hashing.MAX_KEY_DEPTH + " deep"), e.getMessage());
    // as deep as allowed is fine
    Object ok = unjelly(l("dictionary", l(tupleDag(Hashing.MAX_KEY_DEPTH - 1, 1), 1)));
    assertEquals(1, ((Map<?, ?>) ok).size());
  }

  @Test
  void keysThatContainThemselvesOrALikeListAreRefused() {
    // t = (t,) through a reference
    MalformedJellyException e = assertThrows(MalformedJellyException.class, () -> unjelly(
        l("list", l("reference", 1, l("tuple", l("dereference", 1))), l("set", l("dereference", 1)))));
    assertTrue(e.getMessage().contains("contains itself"), e.getMessage());
    // t = ([t],): unhashable, as in Python
    e = assertThrows(MalformedJellyException.class, () -> unjelly(
        l("list", l("reference", 1, l("tuple", l("list", l("dereference", 1)))), l("set", l("dereference", 1)))));
    assertTrue(e.getMessage().contains("unhashable type: 'list'"), e.getMessage());
  }

  @Test
  void equalityOfSharedTuplesBuiltInJavaIsLinear() {
    Tuple a = javaDag(10_000 / 100);
    Tuple b = javaDag(10_000 / 100);
    assertTrue(assertTimeoutPreemptively(BOUND, () -> a.equals(b)));
    HashSet<Object> set = new HashSet<>(List.of(a));
    assertTrue(assertTimeoutPreemptively(BOUND, () -> set.contains(b)));
    assertEquals(Tuple.of(1L, "x"), Tuple.of(1L, "x"));
    assertEquals(Tuple.of(1L, "x").hashCode(), Tuple.of(1L, "x").hashCode());
  }

  @Test
  void manyForwardReferencesToOneLaterValueResolveInLinearTime() {
    // ["list", ["dereference", 1] x 200,000, ["reference", 1, ["list"]]]: every slot waits
    List<Object> items = new ArrayList<>();
    items.add("list");
    for (int i = 0; i < 200_000; i++) {
      items.add(l("dereference", 1));
    }
    items.add(l("reference", 1, l("list")));
    List<?> list = assertInstanceOf(List.class, unjelly(l(items.toArray())));
    assertEquals(200_001, list.size());
    assertTrue(list.get(0) == list.get(200_000), "every slot is the one list");
  }
}
