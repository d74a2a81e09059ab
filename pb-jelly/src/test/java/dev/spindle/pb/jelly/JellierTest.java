package dev.spindle.pb.jelly;

import static dev.spindle.pb.jelly.S.l;
import static dev.spindle.pb.jelly.S.u;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JellierTest {
  private final JellyRegistry registry = JellyRegistry.builder().build();

  @Test
  void referenceNumbersFollowSecondSightingsAcrossKinds() {
    List<Object> list = new ArrayList<>(List.of(1L));
    Tuple tuple = Tuple.of(2L);
    Map<String, Object> map = new LinkedHashMap<>(Map.of("k", 3L));
    Set<Object> set = new LinkedHashSet<>(List.of(4L));
    FrozenSet<Object> frozen = FrozenSet.of(5L);
    List<Object> root = List.of(list, tuple, map, set, frozen, frozen, set, map, tuple, list);
    assertEquals(
        l("list",
            l("reference", 5, l("list", 1)),
            l("reference", 4, l("tuple", 2)),
            l("reference", 3, l("dictionary", l(u("k"), 3))),
            l("reference", 2, l("set", 4)),
            l("reference", 1, l("frozenset", 5)),
            l("dereference", 1), l("dereference", 2), l("dereference", 3), l("dereference", 4), l("dereference", 5)),
        registry.jelly(root));
  }

  @Test
  void sharedKeysAndValuesAreReferencedLikeTwisted() {
    // Twisted: t = (1,); {t: [t]} and s = frozenset([1]); [s, {s: s}]
    Tuple t = Tuple.of(1L);
    assertEquals(l("dictionary", l(l("reference", 1, l("tuple", 1)), l("list", l("dereference", 1)))),
        registry.jelly(Map.of(t, List.of(t))));
    FrozenSet<Long> s = FrozenSet.of(1L);
    assertEquals(l("list", l("reference", 1, l("frozenset", 1)), l("dictionary", l(l("dereference", 1), l("dereference", 1)))),
        registry.jelly(List.of(s, Map.of(s, s))));
  }

  @Test
  void equalButDistinctContainersAreNotShared() {
    assertEquals(l("list", l("list", 1), l("list", 1)), registry.jelly(List.of(new ArrayList<>(List.of(1L)), new ArrayList<>(List.of(1L)))));
  }

  @Test
  void atomsAreWrittenAtEveryOccurrence() {
    String text = "same";
    byte[] bytes = {1};
    assertEquals(l("list", u("same"), u("same"), Sexp.bytes(bytes), Sexp.bytes(bytes)),
        registry.jelly(List.of(text, text, bytes, bytes)));
  }

  @Test
  void everyJavaIntegerTypeIsAPythonInt() {
    assertEquals(l("list", 1, 2, 3, 4, 5),
        registry.jelly(List.of((byte) 1, (short) 2, 3, 4L, BigInteger.valueOf(5))));
    assertEquals(Sexp.integer(BigInteger.ONE.shiftLeft(100)), registry.jelly(BigInteger.ONE.shiftLeft(100)));
  }

  @Test
  void integersAreLimitedToBananasRange() {
    BigInteger max = BigInteger.ONE.shiftLeft(448).subtract(BigInteger.ONE);
    assertEquals(Sexp.integer(max), registry.jelly(max));
    assertEquals(Sexp.integer(max.negate()), registry.jelly(max.negate()));
    JellyException e = assertThrows(JellyException.class, () -> registry.jelly(max.add(BigInteger.ONE)));
    assertTrue(e.getMessage().contains("2**448"), e.getMessage());
    assertThrows(JellyException.class, () -> registry.jelly(new BigDecimal(max.add(BigInteger.ONE), 3)));
  }

  @Test
  void floatsAreSentAsDoubles() {
    assertEquals(Sexp.floating(1.5), registry.jelly(1.5f));
    assertEquals(Sexp.floating(-0.0), registry.jelly(-0.0));
    assertEquals(Sexp.floating(Double.NaN), registry.jelly(Double.NaN));
  }

  @Test
  void byteArraysAreCopied() {
    byte[] b = {1, 2};
    Sexp s = registry.jelly(b);
    b[0] = 9;
    assertEquals(Sexp.bytes(new byte[] {1, 2}), s);
    assertEquals(s, registry.jelly(ByteString.of(new byte[] {1, 2})));
  }

  @Test
  void loneSurrogatesAreRefusedWithPythonsPosition() {
    JellyException e = assertThrows(JellyException.class, () -> registry.jelly("ab\ud83d\ude00c\udc00"));
    assertTrue(e.getMessage().contains("\\udc00 at position 4"), e.getMessage());
    assertThrows(JellyException.class, () -> registry.jelly("\ud800"));
    assertThrows(JellyException.class, () -> registry.jelly(new Unpersistable("\ud800")));
    assertEquals(u("\ud83d\ude00"), registry.jelly("\ud83d\ude00"));
  }

  @Test
  void decimalsCarryTheSignedCoefficientAndExponent() {
    assertEquals(l("decimal", -150, -2), registry.jelly(new BigDecimal("-1.50")));
    assertEquals(l("decimal", 1, 10), registry.jelly(new BigDecimal("1E+10")));
    assertEquals(l("decimal", 0, 0), registry.jelly(BigDecimal.ZERO));
  }

  @Test
  void timesAreNaiveAndWholeMicroseconds() {
    assertEquals(l("datetime", "2022 4 1 12 30 45 123456"), registry.jelly(LocalDateTime.of(2022, 4, 1, 12, 30, 45, 123_456_000)));
    assertEquals(l("time", "0 0 0 0"), registry.jelly(LocalTime.MIDNIGHT));
    assertEquals(l("date", "9999 12 31"), registry.jelly(LocalDate.of(9999, 12, 31)));
    LocalDateTime nanos = LocalDateTime.of(2022, 4, 1, 0, 0, 0, 1);
    JellyException e = assertThrows(JellyException.class, () -> registry.jelly(nanos));
    assertTrue(e.getMessage().contains("truncatedTo"), e.getMessage());
    assertEquals(registry.jelly(LocalDateTime.of(2022, 4, 1, 0, 0)), registry.jelly(nanos.truncatedTo(ChronoUnit.MICROS)));
    assertThrows(JellyException.class, () -> registry.jelly(LocalTime.of(0, 0, 0, 999)));
    assertThrows(JellyException.class, () -> registry.jelly(LocalDate.of(0, 1, 1)));
    assertThrows(JellyException.class, () -> registry.jelly(LocalDateTime.of(10000, 1, 1, 0, 0)));
  }

  @Test
  void timeZonesAreRefusedAsTwistedDoes() {
    for (Object aware : List.of(ZonedDateTime.of(2022, 4, 1, 0, 0, 0, 0, ZoneOffset.UTC),
        LocalDateTime.of(2022, 4, 1, 0, 0).atOffset(ZoneOffset.ofHours(2)), OffsetTime.of(1, 2, 3, 0, ZoneOffset.UTC))) {
      JellyException e = assertThrows(JellyException.class, () -> registry.jelly(aware));
      assertTrue(e.getMessage().contains("tzinfo"), e.getMessage());
    }
  }

  @Test
  void durationsAreNormalizedLikeTimedelta() {
    assertEquals(l("timedelta", "-1 86399 0"), registry.jelly(Duration.ofSeconds(-1)));
    assertEquals(l("timedelta", "-1 86399 999999"), registry.jelly(Duration.of(-1, ChronoUnit.MICROS)));
    assertEquals(l("timedelta", "1 2 3"), registry.jelly(Duration.ofDays(1).plusSeconds(2).plusNanos(3000)));
    assertEquals(l("timedelta", "-999999999 0 0"), registry.jelly(Duration.ofDays(-999_999_999)));
    assertThrows(JellyException.class, () -> registry.jelly(Duration.ofDays(-1_000_000_000)));
    assertThrows(JellyException.class, () -> registry.jelly(Duration.ofDays(1_000_000_000)));
    assertThrows(JellyException.class, () -> registry.jelly(Duration.ofNanos(1)));
  }

  @Test
  void unmappedJavaTypesAreRefusedByName() {
    for (Object o : List.of(new Object(), TimeUnit.SECONDS, new int[] {1}, 'c', new StringBuilder("x"), java.time.Instant.EPOCH)) {
      JellyException e = assertThrows(JellyException.class, () -> registry.jelly(List.of(o)));
      assertTrue(e.getMessage().contains(o.getClass().getName()), e.getMessage());
    }
  }

  @Test
  void keysAndSetElementsMustBeHashableInPython() {
    Map<Object, Object> listKey = new LinkedHashMap<>();
    listKey.put(new ArrayList<>(), 1L);
    JellyException e = assertThrows(JellyException.class, () -> registry.jelly(listKey));
    assertTrue(e.getMessage().contains("unhashable type: 'list'"), e.getMessage());
    assertThrows(JellyException.class, () -> registry.jelly(Set.of(Map.of())));
    assertThrows(JellyException.class, () -> registry.jelly(FrozenSet.of(Tuple.of(1L, new LinkedHashSet<>()))));
    assertThrows(JellyException.class, () -> registry.jelly(Map.of(FrozenSet.of(List.of()), 1L)));
    assertEquals(l("set", l("tuple", 1, l("frozenset", 2)), Sexp.bytes(new byte[] {3})),
        registry.jelly(new LinkedHashSet<>(List.of(Tuple.of(1L, FrozenSet.of(2L)), ByteString.of(new byte[] {3})))));
  }

  @Test
  void registeredButDisallowedInstancesBecomeUnpersistableAndStayShared() {
    JellyRegistry strict = Goldens.withSecurity(SecurityOptions.globalSecurity());
    Goldens.Point p = new Goldens.Point(1L, 2L);
    assertEquals(l("list", l("reference", 1, l("unpersistable", "instance of class goldens.Point deemed insecure")), l("dereference", 1)),
        strict.jelly(List.of(p, p)));
  }

  @Test
  void instanceStateIsADictionaryWithTextKeys() {
    JellyRegistry r = JellyRegistry.builder()
        .register("shapes.Circle", Circle.class, c -> Map.of("r", c.r), s -> new Circle((Long) s.get("r")))
        .build();
    assertEquals(l("shapes.Circle", l("dictionary", l(u("r"), 3))), r.jelly(new Circle(3)));
    assertEquals(new Circle(3), r.unjelly(r.jelly(new Circle(3))));
  }

  @Test
  void stateFunctionFailuresAreJellyExceptions() {
    JellyRegistry r = JellyRegistry.builder()
        .register("shapes.Circle", Circle.class, c -> null, s -> new Circle(0))
        .build();
    assertThrows(JellyException.class, () -> r.jelly(new Circle(1)));
    JellyRegistry boom = JellyRegistry.builder()
        .register("shapes.Circle", Circle.class, c -> {
          throw new IllegalStateException("boom");
        }, s -> new Circle(0))
        .build();
    JellyException e = assertThrows(JellyException.class, () -> boom.jelly(new Circle(1)));
    assertTrue(e.getMessage().contains("shapes.Circle"), e.getMessage());
  }

  @Test
  void subclassesOfRegisteredClassesAreNotMatched() {
    JellyRegistry r = JellyRegistry.builder()
        .register("goldens.Golden", Goldens.Golden.class, g -> g.dict, s -> new Goldens.Empty())
        .build();
    assertThrows(JellyException.class, () -> r.jelly(new Goldens.Empty()));
  }

  @Test
  void nestingIsBoundedWithAClearError() {
    JellyRegistry shallow = JellyRegistry.builder().maxDepth(5).build();
    assertEquals(l("list", l("list", l("list", l("list", l("list"))))), shallow.jelly(nest(4)));
    JellyException e = assertThrows(JellyException.class, () -> shallow.jelly(nest(5)));
    assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
    registry.jelly(nest(JellyRegistry.DEFAULT_MAX_DEPTH - 1));
    assertThrows(JellyException.class, () -> registry.jelly(nest(JellyRegistry.DEFAULT_MAX_DEPTH)));
  }

  @Test
  void aJellierJelliesOneValue() {
    Jellier j = registry.newJellier();
    j.jelly(1L);
    assertThrows(IllegalStateException.class, () -> j.jelly(2L));
  }

  @Test
  void outputListsAreUnmodifiable() {
    List<Object> l = new ArrayList<>();
    l.add(l);
    Sexp.SList s = (Sexp.SList) registry.jelly(l);
    assertThrows(UnsupportedOperationException.class, () -> s.items().add(Sexp.integer(1)));
    assertThrows(UnsupportedOperationException.class, () -> ((Sexp.SList) s.get(2)).items().clear());
  }

  /** A list nested {@code depth} levels below the outer one. */
  static List<Object> nest(int depth) {
    List<Object> l = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      l = new ArrayList<>(Arrays.asList((Object) l));
    }
    return l;
  }

  record Circle(long r) {}
}
