package dev.spindle.pb.jelly;

import static dev.spindle.pb.jelly.S.l;
import static dev.spindle.pb.jelly.S.u;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.Sexp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityTest {
  record Point(long x, long y) {}

  private static final JellyRegistry POINTS = JellyRegistry.builder()
      .register("goldens.Point", Point.class,
          SecurityTest::state,
          s -> new Point((Long) s.get("x"), (Long) s.get("y")))
      .build();

  /** The attributes in Python's order ({@code Map.of} would send them in an unspecified one). */
  private static Map<String, Object> state(Point p) {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("x", p.x());
    state.put("y", p.y());
    return state;
  }

  private static final Sexp POINT_SEXP = l("goldens.Point", l("dictionary", l(u("x"), 1), l(u("y"), 2)));

  @ParameterizedTest
  @ValueSource(strings = {"goldens.Point", "os.system", "com.example.Evil", "builtins.bytearray", "twisted.spread.pb.CopyableFailure"})
  void unregisteredClassNamesAreRefusedWithTheName(String name) {
    InsecureJellyException e = assertThrows(InsecureJellyException.class,
        () -> JellyRegistry.builder().build().unjelly(l(name, l("dictionary"))));
    assertEquals(name, e.type());
    assertTrue(e.getMessage().startsWith(name + ": type not allowed"), e.getMessage());
  }

  @Test
  void registeredClassesAreRebuilt() {
    assertEquals(new Point(1, 2), POINTS.unjelly(POINT_SEXP));
    assertEquals(POINT_SEXP, POINTS.jelly(new Point(1, 2)));
    assertTrue(POINTS.security().isTypeAllowed("goldens.Point"));
  }

  @Test
  void aDottedHeadIsRefusedByDefaultUnlikeTwistedsTypeCheck() {
    // Twisted's isTypeAllowed passes any dotted name; Spindle allows only listed names.
    assertFalse(SecurityOptions.globalSecurity().isTypeAllowed("goldens.Point"));
    assertThrows(InsecureJellyException.class, () -> JellyRegistry.builder().build().unjelly(POINT_SEXP));
    // Allowed but not registered: still refused, naming it.
    JellyRegistry allowedOnly = JellyRegistry.builder()
        .security(SecurityOptions.builder().allowInstancesOf("goldens.Point").build()).build();
    InsecureJellyException e = assertThrows(InsecureJellyException.class, () -> allowedOnly.unjelly(POINT_SEXP));
    assertTrue(e.getMessage().contains("goldens.Point: nothing handles"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"class", "module", "function", "method", "instance", "frobnicate"})
  void codeHeadsAreRefusedUnderGlobalSecurity(String head) {
    InsecureJellyException e = assertThrows(InsecureJellyException.class,
        () -> POINTS.unjelly(l(head, "goldens.Point", l("dictionary"))));
    assertEquals(head, e.type());
  }

  @ParameterizedTest
  @ValueSource(strings = {"module", "function", "method"})
  void javaLoadsNoPythonCodeEvenWhenAllowed(String head) {
    JellyRegistry r = JellyRegistry.builder().security(SecurityOptions.builder().allowTypes(head).build()).build();
    InsecureJellyException e = assertThrows(InsecureJellyException.class, () -> r.unjelly(l(head, "os")));
    assertTrue(e.getMessage().contains("Java does not load Python"), e.getMessage());
  }

  @Test
  void allowedClassAndInstanceHeadsGiveTheRegisteredClass() {
    JellyRegistry r = POINTS.toBuilder().security(SecurityOptions.builder().allowInstancesOf("goldens.Point").build()).build();
    assertSame(Point.class, r.unjelly(l("class", "goldens.Point")));
    assertEquals(new Point(3, 4), r.unjelly(l("instance", l("class", "goldens.Point"), l("dictionary", l(u("x"), 3), l(u("y"), 4)))));
    assertThrows(InsecureJellyException.class, () -> r.unjelly(l("class", "goldens.Other")));
  }

  @Test
  void persistentIsABasicTypeButNotADefaultOne() {
    assertEquals(new Unpersistable("Persistent callback not found"), POINTS.unjelly(l("persistent", "id")));
    JellyRegistry strict = JellyRegistry.builder().security(SecurityOptions.defaults()).build();
    assertThrows(InsecureJellyException.class, () -> strict.unjelly(l("persistent", "id")));
  }

  @Test
  void twistedsDefaultOptionsRefuseContainers() {
    JellyRegistry strict = JellyRegistry.builder().security(SecurityOptions.defaults()).build();
    assertEquals("x", strict.unjelly(u("x")));
    assertEquals(java.util.Set.of(1L), strict.unjelly(l("set", 1)));
    for (Sexp s : List.of(l("list"), l("tuple"), l("dictionary"), l("reference", 1, l("set")), l("unpersistable", "x"))) {
      assertThrows(InsecureJellyException.class, () -> strict.unjelly(s));
    }
  }

  @Test
  void registeredButDisallowedIsUnpersistableOnJellyAndRefusedOnUnjelly() {
    JellyRegistry r = POINTS.toBuilder().security(SecurityOptions.globalSecurity()).build();
    assertEquals(l("unpersistable", "instance of class goldens.Point deemed insecure"), r.jelly(new Point(1, 2)));
    assertThrows(InsecureJellyException.class, () -> r.unjelly(POINT_SEXP));
  }

  @Test
  void explicitSecurityOptionsAreUsedExactly() {
    SecurityOptions s = SecurityOptions.builder().allowBasicTypes().allowTypes("goldens.Point").build();
    JellyRegistry r = POINTS.toBuilder().handler("remote", (l, u) -> "remote!").security(s).build();
    assertSame(s, r.security());
    assertEquals(new Point(1, 2), r.unjelly(POINT_SEXP));
    assertThrows(InsecureJellyException.class, () -> r.unjelly(l("remote", 1)));
  }

  @Test
  void registrationsAreAllowedByDefaultAsSetUnjellyableForClassDoes() {
    JellyRegistry r = POINTS.toBuilder().handler("remote", (l, u) -> "remote!").build();
    assertEquals("remote!", r.unjelly(l("remote", 1)));
    assertTrue(r.security().allowedTypes().containsAll(SecurityOptions.globalSecurity().allowedTypes()));
    assertTrue(r.security().isTypeAllowed("remote"));
    assertTrue(r.security().isTypeAllowed("goldens.Point"));
  }

  @Test
  void headsThatAreNotUtf8AreRefused() {
    InsecureJellyException e = assertThrows(InsecureJellyException.class,
        () -> POINTS.unjelly(Sexp.list(Sexp.bytes(new byte[] {(byte) 0xff, 'x'}))));
    assertEquals("b'\\xffx'", e.type());
  }

  @Test
  void builderRefusesBadRegistrations() {
    assertThrows(IllegalArgumentException.class, () -> JellyRegistry.builder().handler("list", (l, u) -> null));
    assertThrows(IllegalArgumentException.class, () -> JellyRegistry.builder().handler("", (l, u) -> null));
    assertThrows(IllegalArgumentException.class, () -> JellyRegistry.builder().handler("a\ud800", (l, u) -> null));
    assertThrows(IllegalArgumentException.class, () -> POINTS.toBuilder().handler("goldens.Point", (l, u) -> null));
    assertThrows(IllegalArgumentException.class, () -> POINTS.toBuilder()
        .register("other.Point", Point.class, p -> Map.of(), s -> new Point(0, 0)));
    assertThrows(IllegalArgumentException.class, () -> JellyRegistry.builder().maxDepth(0));
    assertThrows(IllegalArgumentException.class, () -> SecurityOptions.builder().allowTypes(""));
  }

  @Test
  void securityOptionsMirrorTwistedsSets() {
    assertEquals(SecurityOptions.DEFAULT_TYPES, SecurityOptions.defaults().allowedTypes());
    assertEquals(16, SecurityOptions.DEFAULT_TYPES.size());
    SecurityOptions s = SecurityOptions.builder().allowInstancesOf("a.B").build();
    assertTrue(s.allowedTypes().containsAll(SecurityOptions.BASIC_TYPES));
    assertTrue(s.allowedTypes().containsAll(List.of("instance", "class", "classobj", "module", "a.B")));
    assertEquals(s, s.toBuilder().build());
    assertThrows(UnsupportedOperationException.class, () -> s.allowedTypes().add("x"));
  }

  @Test
  void oneRegistryServesManyThreads() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        long n = i;
        results.add(pool.submit(() -> POINTS.unjelly(POINTS.jelly(List.of(new Point(n, -n), "x" + n)))));
      }
      for (int i = 0; i < 64; i++) {
        assertEquals(List.of(new Point(i, -i), "x" + i), results.get(i).get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
