package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.pb.jelly.Unpersistable;
import dev.spindle.testing.Vectors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a Java result against a typed Python value of the vectors ({@code meta.conventions}),
 * with PB's kinds: {@code remote_reference}, {@code remote_cache} and the golden copy classes.
 */
final class TypedValues {
  private final Map<String, Object> ids = new HashMap<>();

  private TypedValues() {}

  static void assertMatches(JsonElement expected, Object actual, String where) {
    new TypedValues().match(expected.getAsJsonObject(), actual, where);
  }

  private void match(JsonObject e, Object a, String where) {
    String t = e.get("t").getAsString();
    if (e.has("id")) {
      ids.put(e.get("id").getAsString(), a);
    }
    switch (t) {
      case "none" -> assertNull(a, where);
      case "bool" -> assertEquals(e.get("v").getAsBoolean(), a, where);
      case "int" -> {
        BigInteger v = new BigInteger(e.get("v").getAsString());
        assertEquals(v.bitLength() < 64 ? (Object) v.longValue() : v, a, where);
      }
      case "float" -> assertEquals(Long.parseUnsignedLong(e.get("bits").getAsString(), 16),
          Double.doubleToRawLongBits((Double) a), where);
      case "bytes" -> assertEquals(ByteString.of(Vectors.hex(e.get("hex"))), a, where);
      case "str" -> assertEquals(e.get("v").getAsString(), a, where);
      case "list" -> items(e, assertInstanceOf(List.class, a, where), where);
      case "tuple" -> items(e, assertInstanceOf(Tuple.class, a, where).asList(), where);
      case "set" -> {
        Set<?> s = assertInstanceOf(Set.class, a, where);
        JsonArray items = e.getAsJsonArray("items");
        assertEquals(items.size(), s.size(), where);
        Iterator<?> it = s.iterator();
        for (JsonElement item : items) {
          match(item.getAsJsonObject(), it.next(), where + "{}");
        }
      }
      case "dict" -> {
        Map<?, ?> m = assertInstanceOf(Map.class, a, where);
        JsonArray items = e.getAsJsonArray("items");
        assertEquals(items.size(), m.size(), where);
        Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
        for (JsonElement item : items) {
          Map.Entry<?, ?> entry = it.next();
          match(item.getAsJsonArray().get(0).getAsJsonObject(), entry.getKey(), where + " key");
          match(item.getAsJsonArray().get(1).getAsJsonObject(), entry.getValue(), where + "[" + entry.getKey() + "]");
        }
      }
      case "decimal" -> assertEquals(new BigDecimal(e.get("v").getAsString()), a, where);
      case "datetime" -> assertEquals(LocalDateTime.of(i(e, "year"), i(e, "month"), i(e, "day"), i(e, "hour"),
          i(e, "minute"), i(e, "second"), i(e, "microsecond") * 1000), a, where);
      case "date" -> assertEquals(LocalDate.of(i(e, "year"), i(e, "month"), i(e, "day")), a, where);
      case "time" -> assertEquals(LocalTime.of(i(e, "hour"), i(e, "minute"), i(e, "second"),
          i(e, "microsecond") * 1000), a, where);
      case "timedelta" -> assertEquals(Duration.ofDays(i(e, "days")).plusSeconds(i(e, "seconds"))
          .plusNanos(i(e, "microseconds") * 1000L), a, where);
      case "unpersistable" -> assertEquals(new Unpersistable(e.get("reason").getAsString()), a, where);
      case "same" -> assertSame(ids.get(e.get("id").getAsString()), a, where);
      case "remote_reference" -> assertEquals((Object) e.get("luid").getAsLong(),
          assertInstanceOf(RemoteReference.class, a, where).luid(), where);
      case "remote_cache" -> {
        assertEquals("goldens.RemoteCounter", e.get("class").getAsString(), where);
        Goldens.RemoteCounter c = assertInstanceOf(Goldens.RemoteCounter.class, a, where);
        long value = state(e).get("value").getAsJsonObject().get("v").getAsLong();
        assertEquals(value, c.value, where + " value");
      }
      case "instance" -> {
        assertEquals("goldens.RemoteCopyPoint", e.get("class").getAsString(), where);
        Goldens.CopyPoint p = assertInstanceOf(Goldens.CopyPoint.class, a, where);
        assertEquals(state(e).get("x").getAsJsonObject().get("v").getAsLong(), p.x, where + ".x");
        assertEquals(state(e).get("y").getAsJsonObject().get("v").getAsLong(), p.y, where + ".y");
      }
      default -> throw new AssertionError(where + ": no Java check for a Python " + t);
    }
  }

  private void items(JsonObject e, List<?> actual, String where) {
    JsonArray items = e.getAsJsonArray("items");
    assertEquals(items.size(), actual.size(), where + " size");
    for (int i = 0; i < items.size(); i++) {
      match(items.get(i).getAsJsonObject(), actual.get(i), where + "[" + i + "]");
    }
  }

  /** A typed dict with str keys as a map from key to typed value. */
  private static Map<String, JsonElement> stateMap(JsonObject state) {
    Map<String, JsonElement> m = new HashMap<>();
    for (JsonElement item : state.getAsJsonArray("items")) {
      JsonArray kv = item.getAsJsonArray();
      m.put(kv.get(0).getAsJsonObject().get("v").getAsString(), kv.get(1));
    }
    return m;
  }

  private static Map<String, JsonElement> state(JsonObject e) {
    Map<String, JsonElement> m = stateMap(e.getAsJsonObject("state"));
    assertTrue(!m.isEmpty());
    return m;
  }

  private static int i(JsonObject o, String key) {
    return o.get(key).getAsInt();
  }
}
