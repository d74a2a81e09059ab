package dev.spindle.pb.jelly;

import static dev.spindle.pb.jelly.S.l;
import static dev.spindle.pb.jelly.S.u;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.spindle.pb.banana.Sexp;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Twisted 22.4's own {@code twisted/spread/test/test_jelly.py} cases that the vectors of {@code
 * jelly.json} do not hold, ported: each test names the Twisted test. The expected s-expressions
 * were printed by {@code jelly.jelly} of the same Python values under /usr/bin/python3.
 */
class TwistedJellyTestsTest {
  private final JellyRegistry registry = JellyRegistry.builder()
      .register("__main__.SimpleJellyTest", SimpleJellyTest.class, SimpleJellyTest::state, SimpleJellyTest::new,
          SimpleJellyTest::setState)
      .build();

  /** Twisted's {@code SimpleJellyTest}: two attributes, identity equality. */
  static final class SimpleJellyTest {
    Object x;
    Object y;

    Map<String, Object> state() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("x", x);
      m.put("y", y);
      return m;
    }

    void setState(Map<String, Object> m) {
      x = m.get("x");
      y = m.get("y");
    }
  }

  /** JellyTests.test_identity: x = []; x.append(x); x.append(x). */
  @Test
  void identity() {
    List<Object> x = new ArrayList<>();
    x.add(x);
    x.add(x);
    Sexp s = registry.jelly(x);
    assertEquals(l("reference", 1, l("list", l("dereference", 1), l("dereference", 1))), s);
    List<?> z = (List<?>) registry.unjelly(s);
    assertSame(z.get(0), z.get(1));
    assertSame(z, z.get(0));
  }

  /** JellyTests.test_stressReferences: reref = []; t = ({"list": reref}, reref); reref.append(t). */
  @Test
  void stressReferences() {
    List<Object> reref = new ArrayList<>();
    Map<String, Object> dict = new LinkedHashMap<>();
    dict.put("list", reref);
    Tuple t = Tuple.of(dict, reref);
    reref.add(t);
    Sexp s = registry.jelly(t);
    assertEquals(l("reference", 1, l("tuple",
        l("dictionary", l(u("list"), l("reference", 2, l("list", l("dereference", 1))))),
        l("dereference", 2))), s);
    Tuple z = (Tuple) registry.unjelly(s);
    assertSame(((Map<?, ?>) z.get(0)).get("list"), z.get(1));
    assertSame(z, ((List<?>) z.get(1)).get(0));
  }

  /** JellyTests.test_moreReferences: a = []; t = (a,); a.append((t,)). */
  @Test
  void moreReferences() {
    List<Object> a = new ArrayList<>();
    Tuple t = Tuple.of(a);
    a.add(Tuple.of(t));
    Sexp s = registry.jelly(t);
    assertEquals(l("reference", 1, l("tuple", l("list", l("tuple", l("dereference", 1))))), s);
    Tuple z = (Tuple) registry.unjelly(s);
    assertSame(z, ((Tuple) ((List<?>) z.get(0)).get(0)).get(0));
  }

  /** CircularReferenceTests.test_set: s = set(); a = SimpleJellyTest(s, None); s.add(a). */
  @Test
  void circularSet() {
    SimpleJellyTest a = new SimpleJellyTest();
    Set<Object> set = new LinkedHashSet<>();
    a.x = set;
    set.add(a);
    Sexp s = registry.jelly(a);
    assertEquals(l("reference", 1, l("__main__.SimpleJellyTest", l("dictionary",
        l(u("x"), l("set", l("dereference", 1))), l(u("y"), l("None"))))), s);
    SimpleJellyTest res = (SimpleJellyTest) registry.unjelly(s);
    Set<?> x = assertInstanceOf(Set.class, res.x);
    assertEquals(1, x.size());
    assertSame(res, x.iterator().next());
    assertNull(res.y);
  }

  /** CircularReferenceTests.test_frozenset: a = SimpleJellyTest(None, None); a.x = frozenset([a]). */
  @Test
  void circularFrozenset() {
    SimpleJellyTest a = new SimpleJellyTest();
    a.x = FrozenSet.of(a);
    Sexp s = registry.jelly(a);
    assertEquals(l("reference", 1, l("__main__.SimpleJellyTest", l("dictionary",
        l(u("x"), l("frozenset", l("dereference", 1))), l(u("y"), l("None"))))), s);
    SimpleJellyTest res = (SimpleJellyTest) registry.unjelly(s);
    FrozenSet<?> x = assertInstanceOf(FrozenSet.class, res.x);
    assertSame(res, x.iterator().next());
  }

  /** JellyTests.test_decimal and test_decimalUnjelly: Twisted's decimalData, both ways. */
  @Test
  void decimals() {
    List<BigDecimal> values = List.of(new BigDecimal("9.95"), BigDecimal.ZERO, new BigDecimal(123456),
        new BigDecimal("-78.901"));
    Sexp decimalData = l("list", l("decimal", 995, -2), l("decimal", 0, 0), l("decimal", 123456, 0),
        l("decimal", -78901, -3));
    assertEquals(decimalData, registry.jelly(values));
    assertEquals(values, registry.unjelly(decimalData));
  }

  /** JellyTests.test_str: text is unicode both ways. */
  @Test
  void str() {
    assertEquals(u("blah"), registry.jelly("blah"));
    assertEquals("blah", registry.unjelly(u("blah")));
  }
}
