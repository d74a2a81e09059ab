package dev.spindle.pb.jelly;

import static dev.spindle.pb.jelly.S.l;
import static dev.spindle.pb.jelly.S.u;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class UnjellierTest {
  private final JellyRegistry registry = JellyRegistry.builder().build();

  @Test
  void atomsMapToTheirJavaTypes() {
    assertEquals(5L, registry.unjelly(Sexp.integer(5)));
    assertEquals(BigInteger.ONE.shiftLeft(70), registry.unjelly(Sexp.integer(BigInteger.ONE.shiftLeft(70))));
    assertEquals(2.5, registry.unjelly(Sexp.floating(2.5)));
    assertEquals(ByteString.ascii("abc"), registry.unjelly(Sexp.ascii("abc")));
    assertNull(registry.unjelly(l("None")));
    assertEquals("é", registry.unjelly(u("é")));
  }

  static List<Sexp> malformed() {
    return List.of(
        l(),
        l(1, 2),
        l(l("list"), 1),
        l("None", 1),
        l("boolean"),
        l("boolean", "yes"),
        l("boolean", 1),
        l("boolean", "true", "false"),
        l("unicode", new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}),
        l("unicode", new byte[] {(byte) 0xc0, (byte) 0x80}),
        l("unicode", new byte[] {(byte) 0xe6, (byte) 0x97}),
        l("unicode", 5),
        l("decimal", 0, "F"),
        l("decimal", 1, 1L << 40),
        l("decimal", "1", 0),
        l("datetime", "2022 4"),
        l("datetime", "2022 13 1 0 0 0 0"),
        l("datetime", "0 1 1 0 0 0 0"),
        l("datetime", "2022 4 1 0 0 0 1000000"),
        l("datetime", "2022 4 1 0 0 0 0 0"),
        l("datetime", "2022 4 1 x"),
        l("datetime", "2022 4 1 1__0"),
        l("date", "2022 2 30"),
        l("time", "24 0 0 0"),
        l("time", "1 2 3 4 5"),
        l("timedelta", "1 2"),
        l("timedelta", "1000000000 0 0"),
        l("dictionary", l(1)),
        l("dictionary", 1),
        l("dictionary", l(l("list"), 1)),
        l("set", l("dictionary")),
        l("frozenset", l("set")),
        l("dictionary", l(l("tuple", 1, l("list")), 1)),
        l("dereference", 1),
        l("list", l("dereference", 7)),
        l("list", l("reference", 1, l("list")), l("reference", 1, l("list"))),
        l("reference", 1, l("list", l("reference", 1, l("list")))),
        l("reference", "1", l("list")),
        l("reference", 1, l("dereference", 2)),
        l("unpersistable", 5),
        l("unpersistable"),
        l("reference", 1, l("frozenset", l("dereference", 1))),
        l("dictionary", l(l("tuple", l("dereference", 1)), 1), l(1, l("reference", 1, l("list")))));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedSexpsAreRefused(Sexp sexp) {
    JellyRegistry r = Goldens.dummyLike();
    MalformedJellyException e = assertThrows(MalformedJellyException.class, () -> r.unjelly(sexp));
    assertTrue(e.getMessage().contains("expected"), e.getMessage());
  }

  @Test
  void messagesNameTheHeadAndTheRule() {
    assertMessage(l("boolean", "yes"), "boolean: b'yes' (expected: b'true' or b'false'");
    assertMessage(l("None", 1), "None: 2 elements (expected: 1");
    assertMessage(l("reference", 1, l("list", l("reference", 1, l("list")))), "reference 1: defined twice");
    assertMessage(l("list", l("dereference", 7)), "dereference 7: reference 7 is never defined");
    assertMessage(l("dictionary", l(l("list"), 1)), "unhashable type: 'list'");
    assertMessage(l("unicode", new byte[] {(byte) 0xff}), "unicode: b'\\xff'");
  }

  private void assertMessage(Sexp sexp, String part) {
    MalformedJellyException e = assertThrows(MalformedJellyException.class, () -> registry.unjelly(sexp));
    assertTrue(e.getMessage().contains(part), e.getMessage());
  }

  @Test
  void timesAreParsedAsPythonsIntDoes() {
    assertEquals(LocalDateTime.of(2022, 4, 10, 0, 0), registry.unjelly(l("datetime", "2022 +4 1_0 ")));
    assertEquals(LocalTime.MIDNIGHT, registry.unjelly(l("time", "")));
    assertEquals(LocalTime.of(1, 2, 3, 4000), registry.unjelly(l("time", "\t1\n2 3  4")));
    assertEquals(Duration.ofSeconds(-1).minusNanos(1000), registry.unjelly(l("timedelta", "0 -1 -1")));
    assertEquals(Duration.ofDays(999_999_999).plusSeconds(86_399).plusNanos(999_999_000),
        registry.unjelly(l("timedelta", "999999999 86399 999999")));
  }

  @Test
  void decimalsTakeTheirSignFromTheCoefficient() {
    assertEquals(new BigDecimal("-3.14"), registry.unjelly(l("decimal", -314, -2)));
    assertEquals(new BigDecimal("1E+10"), registry.unjelly(l("decimal", 1, 10)));
    assertEquals(new BigDecimal(BigInteger.TEN.pow(40), 5), registry.unjelly(l("decimal", Sexp.integer(BigInteger.TEN.pow(40)), -5)));
  }

  @Test
  void unpersistableReasonsAreTwistedsText() {
    assertEquals(new Unpersistable("Unpersistable data: b\"it's\""), registry.unjelly(l("unpersistable", "it's")));
    assertEquals(new Unpersistable("Persistent callback not found"), registry.unjelly(l("persistent", "x")));
    assertEquals(new Unpersistable("Unpersistable data: b'why'"), registry.unjelly(registry.jelly(new Unpersistable("why"))));
  }

  @Test
  void listsAndDictionariesMayContainThemselves() {
    List<?> list = (List<?>) registry.unjelly(l("reference", 1, l("list", 1, l("dereference", 1))));
    assertSame(list, list.get(1));
    Map<?, ?> map = (Map<?, ?>) registry.unjelly(l("reference", 1, l("dictionary", l(u("self"), l("dereference", 1)))));
    assertSame(map, map.get("self"));
  }

  @Test
  void aTupleInsideAListInsideTheTupleIsOneCycle() {
    Tuple t = (Tuple) registry.unjelly(l("reference", 1, l("tuple", l("list", l("dereference", 1)))));
    assertSame(t, ((List<?>) t.get(0)).get(0));
  }

  @Test
  void sharingIsKeptAcrossKinds() {
    List<?> l = (List<?>) registry.unjelly(l("list",
        l("reference", 1, l("tuple", 1)), l("reference", 2, l("frozenset", 2)), l("reference", 3, l("set", 3)),
        l("dictionary", l(l("dereference", 1), l("dereference", 2)), l(l("dereference", 2), l("dereference", 3))),
        l("dereference", 3)));
    Map<?, ?> m = (Map<?, ?>) l.get(3);
    assertSame(l.get(1), m.get(l.get(0)));
    assertSame(l.get(2), m.get(l.get(1)));
    assertSame(l.get(2), l.get(4));
  }

  @Test
  void forwardReferencesArePatchedIntoEveryContainer() {
    List<?> l = (List<?>) registry.unjelly(l("list",
        l("tuple", l("dereference", 1)),
        l("set", l("dereference", 1)),
        l("frozenset", l("dereference", 1)),
        l("dictionary", l(l("dereference", 1), l("dereference", 1)), l(u("v"), l("dereference", 2))),
        l("list", l("dereference", 2)),
        l("reference", 1, l("tuple", 7)),
        l("reference", 2, l("list"))));
    Tuple seven = (Tuple) l.get(5);
    assertSame(seven, ((Tuple) l.get(0)).get(0));
    assertSame(seven, ((Set<?>) l.get(1)).iterator().next());
    assertSame(seven, ((FrozenSet<?>) l.get(2)).iterator().next());
    Map<?, ?> m = (Map<?, ?>) l.get(3);
    assertSame(seven, m.get(seven));
    assertSame(l.get(6), m.get("v"));
    assertSame(l.get(6), ((List<?>) l.get(4)).get(0));
  }

  @Test
  void aReferenceToNoneIsNone() {
    List<?> l = (List<?>) registry.unjelly(l("list", l("reference", 1, l("None")), l("dereference", 1)));
    assertEquals(2, l.size());
    assertNull(l.get(0));
    assertNull(l.get(1));
  }

  @Test
  void twoPhaseInstancesMayContainThemselves() {
    Goldens.Point p = (Goldens.Point) Goldens.dummyLike().unjelly(
        l("reference", 1, l("goldens.Point", l("dictionary", l(u("x"), l("dereference", 1)), l(u("y"), l("None"))))));
    assertSame(p, p.dict.get("x"));
  }

  @Test
  void factoryInstancesCannotContainThemselves() {
    JellyRegistry r = JellyRegistry.builder()
        .register("goldens.Point", JellierTest.Circle.class, c -> Map.of("r", c.r()), s -> new JellierTest.Circle(1))
        .build();
    MalformedJellyException e = assertThrows(MalformedJellyException.class, () -> r.unjelly(
        l("reference", 1, l("goldens.Point", l("dictionary", l(u("x"), l("list", l("dereference", 1))))))));
    assertTrue(e.getMessage().contains("blank supplier"), e.getMessage());
  }

  @Test
  void stateKeysMayBeBytesAsTwistedsRemoteCopyAccepts() {
    AtomicReference<Map<String, Object>> seen = new AtomicReference<>();
    JellyRegistry r = JellyRegistry.builder()
        .register("goldens.Point", JellierTest.Circle.class, c -> Map.of(), s -> {
          seen.set(s);
          return new JellierTest.Circle(1);
        })
        .build();
    r.unjelly(l("goldens.Point", l("dictionary", l("x", 1), l(u("y"), 2))));
    assertEquals(Map.of("x", 1L, "y", 2L), seen.get());
    assertThrows(MalformedJellyException.class, () -> r.unjelly(l("goldens.Point", l("dictionary", l(1, 1)))));
    assertThrows(MalformedJellyException.class, () -> r.unjelly(l("goldens.Point", l("list"))));
    assertThrows(MalformedJellyException.class, () -> r.unjelly(l("goldens.Point", l("dictionary"), 3)));
  }

  @Test
  void factoryFailuresAreMalformedJelly() {
    JellyRegistry r = JellyRegistry.builder()
        .register("shapes.Circle", JellierTest.Circle.class, c -> Map.of("r", c.r()), s -> new JellierTest.Circle((Long) s.get("r")))
        .build();
    MalformedJellyException e = assertThrows(MalformedJellyException.class,
        () -> r.unjelly(l("shapes.Circle", l("dictionary", l(u("r"), u("three"))))));
    assertInstanceOf(ClassCastException.class, e.getCause());
  }

  @Test
  void nestingIsBoundedWithAClearError() {
    Sexp deep = l("list");
    for (int i = 1; i < JellyRegistry.DEFAULT_MAX_DEPTH; i++) {
      deep = l("list", deep);
    }
    registry.unjelly(deep);
    Sexp deeper = l("list", deep);
    MalformedJellyException e = assertThrows(MalformedJellyException.class, () -> registry.unjelly(deeper));
    assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
  }

  @Test
  void deepNestingCostsNoJavaStack() throws Exception {
    int depth = 100_000;
    // list > tuple > dictionary value > list ..., with a shared leaf at the bottom.
    Sexp deep = l("list", l("reference", 1, l("list")), l("dereference", 1));
    for (int i = 1; i < depth; i++) {
      switch (i % 3) {
        case 0:
          deep = l("list", deep);
          break;
        case 1:
          deep = l("tuple", deep);
          break;
        default:
          deep = l("dictionary", l(1, deep));
          break;
      }
    }
    Sexp sexp = deep;
    // Unjelly counts depth - 1 wrappers, the bottom list, the reference and the list inside it.
    JellyRegistry r = JellyRegistry.builder().maxDepth(depth + 2).build();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        Object v = r.unjelly(sexp);
        assertTrue(Sexps.equal(sexp, r.jelly(v)));
        Sexp tooDeep = l("list", sexp);
        assertThrows(MalformedJellyException.class, () -> r.unjelly(tooDeep));
        // Jelly writes no reference frame here (the leaf is shared, not a cycle): one level less.
        r.jelly(List.of(v));
        assertThrows(JellyException.class, () -> r.jelly(List.of(List.of(v))));
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "small-stack", 256 * 1024);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
  }

  @Test
  void anUnjellierUnjelliesOneSexp() {
    Unjellier u = registry.newUnjellier();
    u.unjelly(Sexp.integer(1));
    assertThrows(IllegalStateException.class, () -> u.unjelly(Sexp.integer(1)));
  }

  @Test
  void unjelliedListsAreMutableJavaCollections() {
    @SuppressWarnings("unchecked")
    List<Object> l = (List<Object>) registry.unjelly(l("list", 1));
    l.add(2L);
    assertEquals(new ArrayList<>(List.of(1L, 2L)), l);
  }

  /**
   * Where Twisted 22.4 raises OverflowError rather than ValueError (checked with /usr/bin/python3:
   * {@code unjelly(['timedelta', '1000000000 0 0'])}, {@code ['timedelta', '0 100000000000000000000 0']},
   * {@code ['decimal', 1, 10**20]}), Spindle's error is a JellyOverflowException.
   */
  @Test
  void overflowsAreJellyOverflowExceptions() {
    assertThrows(JellyOverflowException.class, () -> registry.unjelly(l("timedelta", "1000000000 0 0")));
    assertThrows(JellyOverflowException.class, () -> registry.unjelly(l("timedelta", "-1000000000 0 0")));
    assertThrows(JellyOverflowException.class,
        () -> registry.unjelly(l("timedelta", "0 100000000000000000000 0")));
    assertThrows(JellyOverflowException.class,
        () -> registry.unjelly(l("decimal", 1, Sexp.integer(BigInteger.TEN.pow(20)))));
    // Twisted holds 1E+2147483649 and 1E-2147483648; a BigDecimal's scale cannot: refused as an overflow
    assertThrows(JellyOverflowException.class, () -> registry.unjelly(l("decimal", 1, (1L << 31) + 1)));
    assertThrows(JellyOverflowException.class, () -> registry.unjelly(l("decimal", 1, -(1L << 31))));
    assertEquals(new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE), registry.unjelly(l("decimal", 1, 1L << 31)));
    // fields beyond a C int (Twisted: OverflowError), and just inside it (Twisted: ValueError)
    assertThrows(JellyOverflowException.class, () -> registry.unjelly(l("datetime", "2147483648 1 1 0 0 0 0")));
    assertThrows(JellyOverflowException.class, () -> registry.unjelly(l("datetime", "-2147483649 1 1 0 0 0 0")));
    assertThrows(JellyOverflowException.class,
        () -> registry.unjelly(l("datetime", "2000 1 1 0 0 0 100000000000000000000")));
    assertThrows(JellyOverflowException.class, () -> registry.unjelly(l("date", "2000 1 100000000000000000000")));
    assertThrows(JellyOverflowException.class, () -> registry.unjelly(l("time", "100000000000000000000 0 0 0")));
    for (String inside : List.of("2147483647 1 1 0 0 0 0", "-2147483648 1 1 0 0 0 0")) {
      MalformedJellyException e = assertThrows(MalformedJellyException.class,
          () -> registry.unjelly(l("datetime", inside)));
      assertSame(MalformedJellyException.class, e.getClass(), inside);
    }
    // a ValueError in Twisted stays a plain MalformedJellyException
    MalformedJellyException year = assertThrows(MalformedJellyException.class,
        () -> registry.unjelly(l("datetime", "10000 1 1 0 0 0 0")));
    assertSame(MalformedJellyException.class, year.getClass());
  }
}
