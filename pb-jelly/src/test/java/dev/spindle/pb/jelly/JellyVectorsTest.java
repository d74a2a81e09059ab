package dev.spindle.pb.jelly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.testing.Vectors;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector of {@code jelly.json}, both ways, with the tasters mapped to Java registries. */
class JellyVectorsTest {
  private static final JsonObject FILE = Vectors.load("jelly.json");
  private static final Pattern TWISTED_TYPE = Pattern.compile("in type (\\S+)\\)\\.|^b'(.*)'$");

  /**
   * jelly[] vectors whose Java value does not jelly to Twisted's s-expression, and why. Each is
   * still checked: the assertion in {@link #jellyMatchesTwisted} states what Java does instead.
   */
  static final Map<String, String> JELLY_DIFFERS = Map.of(
      "instance with no attributes (Python 3.11: state is None)",
      "Java sends an empty state as [\"dictionary\"]; Python 3.11's [\"None\"] cannot be unjellied, even by Twisted",
      "class object",
      "Java does not send Class objects; unjelly of [\"class\", name] gives the registered Java class");

  /**
   * jelly[] vectors of Python values Java has no counterpart for, and why: the tests that need
   * the Java value are aborted for these, by name, and fail for any other vector without one.
   * {@link #everyVectorNamedWithoutAJavaValueHasNone} keeps the list true.
   */
  static final Map<String, String> NO_JAVA_VALUE = Map.of(
      "Decimal('Infinity')", "BigDecimal has no infinities",
      "Decimal('-Infinity')", "BigDecimal has no infinities",
      "Decimal('NaN') cannot be jellied", "BigDecimal has no NaN",
      "Decimal('sNaN') cannot be jellied", "BigDecimal has no NaN",
      "module object", "Java has no module objects",
      "function", "Java has no function objects",
      "bound method", "Java has no bound method objects",
      "bytearray (no special support)", "Java has no stand-in for a bytearray instance");

  static Stream<Arguments> jelly() {
    return StreamSupport.stream(FILE.getAsJsonArray("jelly").spliterator(), false)
        .map(e -> Arguments.of(e.getAsJsonObject().get("description").getAsString(), e.getAsJsonObject()));
  }

  static Stream<Arguments> unjelly() {
    return StreamSupport.stream(FILE.getAsJsonArray("unjelly").spliterator(), false)
        .map(e -> Arguments.of(e.getAsJsonObject().get("description").getAsString(), e.getAsJsonObject()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jelly")
  void jellyMatchesTwisted(String description, JsonObject v) {
    Object value = javaValue(description, v.get("value"));
    JellyRegistry registry = jellyRegistry(v);
    if (v.has("jelly_error")) {
      assertThrows(JellyException.class, () -> registry.jelly(value), v.get("jelly_error").toString());
      return;
    }
    if (JELLY_DIFFERS.containsKey(description)) {
      if (value instanceof Class) {
        assertThrows(JellyException.class, () -> registry.jelly(value), JELLY_DIFFERS.get(description));
      } else {
        assertEquals(Sexp.list(Sexp.ascii("goldens.Empty"), Sexp.list(Sexp.ascii("dictionary"))),
            registry.jelly(value), JELLY_DIFFERS.get(description));
      }
      return;
    }
    Sexp expected = sexp(description, v.get("sexp"), false);
    assertEquals(expected, registry.jelly(value));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jelly")
  void unjellyMatchesTwisted(String description, JsonObject v) {
    Assumptions.assumeTrue(v.has("sexp"), "Twisted refused to jelly the value; there is no s-expression");
    Sexp sexp = sexp(description, v.get("sexp"), false);
    JellyRegistry registry = Goldens.dummyLike();
    if (v.has("unjelly_error")) {
      assertThrows(MalformedJellyException.class, () -> registry.unjelly(sexp), v.get("unjelly_error").toString());
      return;
    }
    Object expected =
        javaValue(description, v.has("unjelly_gives") ? v.get("unjelly_gives") : v.get("value"));
    Graphs.assertSameGraph(expected, registry.unjelly(sexp));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jelly")
  void unjellyWithGlobalSecurityMatchesTwisted(String description, JsonObject v) {
    Assumptions.assumeTrue(v.has("unjelly_with_globalSecurity"), "the vector records no globalSecurity outcome");
    // A Python str inside (module, function) cannot cross Banana; as bytes it still shows the head check.
    Sexp sexp = sexp(description, v.get("sexp"), true);
    JellyRegistry registry = Goldens.globalSecurityAtGeneration();
    JsonElement outcome = v.get("unjelly_with_globalSecurity");
    if (outcome.isJsonPrimitive()) {
      assertEquals("ok", outcome.getAsString());
      Object expected =
          javaValue(description, v.has("unjelly_gives") ? v.get("unjelly_gives") : v.get("value"));
      Graphs.assertSameGraph(expected, registry.unjelly(sexp));
      return;
    }
    assertRefusedLikeTwisted(outcome.getAsJsonObject(), () -> registry.unjelly(sexp));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("unjelly")
  void unjellyVectorsMatchTwisted(String description, JsonObject v) {
    String taster = v.get("taster").getAsString();
    JellyRegistry registry;
    switch (taster) {
      case "globalSecurity":
        registry = Goldens.globalSecurityAtGeneration();
        break;
      case "DummySecurityOptions":
        registry = Goldens.dummyLike();
        break;
      case "SecurityOptions+allowInstancesOf(goldens.Point)":
        registry = Goldens.withSecurity(SecurityOptions.builder().allowInstancesOf("goldens.Point").build());
        break;
      default:
        throw new AssertionError("unknown taster " + taster);
    }
    Sexp sexp = sexp(description, v.get("sexp"), false);
    if (v.has("error")) {
      assertRefusedLikeTwisted(v.getAsJsonObject("error"), () -> registry.unjelly(sexp));
      return;
    }
    Graphs.assertSameGraph(javaValue(description, v.get("value")), registry.unjelly(sexp));
  }

  @Test
  void globalSecurityIsTwistedsBeforeRegistrations() {
    Set<String> atGeneration = new LinkedHashSet<>();
    FILE.getAsJsonArray("globalSecurity_allowed_types_at_generation_time").forEach(e -> atGeneration.add(e.getAsString()));
    Set<String> registeredByPbAndGoldens = Set.of("remote", "local", "cached", "lcache",
        "twisted.spread.pb.CopyableFailure", "goldens.CopyPoint", "goldens.Counter", "goldens.GoldenError",
        "goldens.SelfJelly");
    Set<String> base = new LinkedHashSet<>(atGeneration);
    base.removeAll(registeredByPbAndGoldens);
    assertEquals(base, SecurityOptions.globalSecurity().allowedTypes());

    JellyRegistry.Builder b = Goldens.registered();
    for (String head : registeredByPbAndGoldens) {
      if (!head.equals("goldens.SelfJelly")) {
        b.handler(head, (l, u) -> null);
      }
    }
    Set<String> expected = new LinkedHashSet<>(atGeneration);
    expected.addAll(Set.of("goldens.Point", "goldens.Empty", "goldens.WithState"));
    assertEquals(expected, b.build().security().allowedTypes());
  }

  private static void assertRefusedLikeTwisted(JsonObject error, Runnable unjelly) {
    String type = error.get("type").getAsString();
    String message = error.get("message").getAsString();
    if (type.equals("twisted.spread.jelly.InsecureJelly")) {
      InsecureJellyException e = assertThrows(InsecureJellyException.class, unjelly::run, message);
      Matcher m = TWISTED_TYPE.matcher(message);
      assertTrue(m.find(), message);
      String refused = m.group(1) != null ? m.group(1) : m.group(2);
      assertEquals(refused, e.type());
      assertTrue(e.getMessage().contains(refused), e.getMessage());
    } else {
      assertThrows(MalformedJellyException.class, unjelly::run, type + ": " + message);
    }
  }

  private static JellyRegistry jellyRegistry(JsonObject v) {
    String taster = v.has("taster") ? v.get("taster").getAsString() : "DummySecurityOptions";
    switch (taster) {
      case "DummySecurityOptions":
        return Goldens.dummyLike();
      case "SecurityOptions()":
        if (v.get("description").getAsString().contains("allowInstancesOf")) {
          return Goldens.withSecurity(SecurityOptions.builder().allowInstancesOf("goldens.Point").build());
        }
        return Goldens.withSecurity(SecurityOptions.defaults());
      default:
        throw new AssertionError("unknown taster " + taster);
    }
  }

  @Test
  void everyVectorNamedWithoutAJavaValueHasNone() {
    Set<String> seen = new LinkedHashSet<>();
    for (JsonElement e : FILE.getAsJsonArray("jelly")) {
      String description = e.getAsJsonObject().get("description").getAsString();
      if (NO_JAVA_VALUE.containsKey(description)) {
        seen.add(description);
        assertThrows(VectorValues.NoJavaValue.class,
            () -> VectorValues.value(e.getAsJsonObject().get("value")), description);
      }
    }
    assertEquals(NO_JAVA_VALUE.keySet(), seen, "every named vector is in jelly.json");
  }

  /** The Java value of {@code typed}; aborts the test only for a vector named in {@link #NO_JAVA_VALUE}. */
  private static Object javaValue(String description, JsonElement typed) {
    try {
      JsonObject o = typed.getAsJsonObject();
      if (o.get("t").getAsString().equals("class") && o.get("v").getAsString().equals("goldens.Point")) {
        return Goldens.Point.class;
      }
      return VectorValues.value(typed);
    } catch (VectorValues.NoJavaValue e) {
      throw noJavaValue(description, e);
    }
  }

  private static Sexp sexp(String description, JsonElement json, boolean strAsBytes) {
    try {
      return VectorValues.sexp(json, strAsBytes);
    } catch (VectorValues.NoJavaValue e) {
      throw noJavaValue(description, e);
    }
  }

  private static RuntimeException noJavaValue(String description, VectorValues.NoJavaValue e) {
    String why = NO_JAVA_VALUE.get(description);
    if (why == null) {
      throw new AssertionError(description + ": no Java value, and not named in NO_JAVA_VALUE", e);
    }
    Assumptions.abort(why + " (" + e.getMessage() + ")");
    throw e;
  }
}
