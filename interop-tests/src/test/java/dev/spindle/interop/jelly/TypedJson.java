package dev.spindle.interop.jelly;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.pb.jelly.ByteString;
import dev.spindle.pb.jelly.FrozenSet;
import dev.spindle.pb.jelly.Tuple;
import dev.spindle.pb.jelly.Unpersistable;
import dev.spindle.testing.Vectors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The typed-value JSON of {@code shared/vectors} (and of {@code jelly_peer.py}), both ways: a Java
 * value to its description, a description to the Java value Jelly should produce, and a
 * structural comparison that also checks sharing.
 */
final class TypedJson {
  private TypedJson() {}

  // ---- Java -> typed JSON ----------------------------------------------------------------------

  static JsonObject describe(Object value) {
    IdentityHashMap<Object, Integer> counts = new IdentityHashMap<>();
    count(value, counts);
    return emit(value, counts, new IdentityHashMap<>());
  }

  private static boolean container(Object o) {
    return o instanceof List || o instanceof Tuple || o instanceof Map || o instanceof Set;
  }

  private static void count(Object o, IdentityHashMap<Object, Integer> counts) {
    if (!container(o)) {
      return;
    }
    int n = counts.merge(o, 1, Integer::sum);
    if (n > 1) {
      return;
    }
    if (o instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        count(e.getKey(), counts);
        count(e.getValue(), counts);
      }
    } else {
      for (Object x : (Iterable<?>) o) {
        count(x, counts);
      }
    }
  }

  private static JsonObject emit(
      Object o, IdentityHashMap<Object, Integer> counts, IdentityHashMap<Object, String> labels) {
    JsonObject j = new JsonObject();
    if (container(o) && counts.getOrDefault(o, 0) > 1) {
      String label = labels.get(o);
      if (label != null) {
        j.addProperty("t", "same");
        j.addProperty("id", label);
        return j;
      }
      label = "r" + (labels.size() + 1);
      labels.put(o, label);
      JsonObject plain = emitPlain(o, counts, labels);
      plain.addProperty("id", label);
      return plain;
    }
    return emitPlain(o, counts, labels);
  }

  private static JsonArray items(
      Iterable<?> it, IdentityHashMap<Object, Integer> counts, IdentityHashMap<Object, String> labels) {
    JsonArray a = new JsonArray();
    for (Object x : it) {
      a.add(emit(x, counts, labels));
    }
    return a;
  }

  private static JsonObject emitPlain(
      Object o, IdentityHashMap<Object, Integer> counts, IdentityHashMap<Object, String> labels) {
    JsonObject j = new JsonObject();
    if (o == null) {
      j.addProperty("t", "none");
    } else if (o instanceof Boolean) {
      j.addProperty("t", "bool");
      j.addProperty("v", (Boolean) o);
    } else if (o instanceof Long || o instanceof Integer || o instanceof BigInteger) {
      j.addProperty("t", "int");
      j.addProperty("v", o.toString());
    } else if (o instanceof Double) {
      j.addProperty("t", "float");
      j.addProperty("bits", String.format("%016x", Double.doubleToRawLongBits((Double) o)));
    } else if (o instanceof byte[]) {
      j.addProperty("t", "bytes");
      j.addProperty("hex", Vectors.toHex((byte[]) o));
    } else if (o instanceof ByteString) {
      j.addProperty("t", "bytes");
      j.addProperty("hex", Vectors.toHex(((ByteString) o).toByteArray()));
    } else if (o instanceof String) {
      j.addProperty("t", "str");
      j.addProperty("v", (String) o);
    } else if (o instanceof BigDecimal) {
      j.addProperty("t", "decimal");
      j.addProperty("v", o.toString());
    } else if (o instanceof LocalDateTime) {
      LocalDateTime d = (LocalDateTime) o;
      j.addProperty("t", "datetime");
      j.addProperty("year", d.getYear());
      j.addProperty("month", d.getMonthValue());
      j.addProperty("day", d.getDayOfMonth());
      j.addProperty("hour", d.getHour());
      j.addProperty("minute", d.getMinute());
      j.addProperty("second", d.getSecond());
      j.addProperty("microsecond", d.getNano() / 1000);
    } else if (o instanceof LocalDate) {
      LocalDate d = (LocalDate) o;
      j.addProperty("t", "date");
      j.addProperty("year", d.getYear());
      j.addProperty("month", d.getMonthValue());
      j.addProperty("day", d.getDayOfMonth());
    } else if (o instanceof LocalTime) {
      LocalTime t = (LocalTime) o;
      j.addProperty("t", "time");
      j.addProperty("hour", t.getHour());
      j.addProperty("minute", t.getMinute());
      j.addProperty("second", t.getSecond());
      j.addProperty("microsecond", t.getNano() / 1000);
    } else if (o instanceof Duration) {
      Duration d = (Duration) o;
      j.addProperty("t", "timedelta");
      j.addProperty("days", Math.floorDiv(d.getSeconds(), 86_400L));
      j.addProperty("seconds", Math.floorMod(d.getSeconds(), 86_400L));
      j.addProperty("microseconds", d.getNano() / 1000);
    } else if (o instanceof Tuple) {
      j.addProperty("t", "tuple");
      j.add("items", items((Tuple) o, counts, labels));
    } else if (o instanceof FrozenSet) {
      j.addProperty("t", "frozenset");
      j.add("items", items((Set<?>) o, counts, labels));
    } else if (o instanceof Set) {
      j.addProperty("t", "set");
      j.add("items", items((Set<?>) o, counts, labels));
    } else if (o instanceof List) {
      j.addProperty("t", "list");
      j.add("items", items((List<?>) o, counts, labels));
    } else if (o instanceof Map) {
      j.addProperty("t", "dict");
      JsonArray pairs = new JsonArray();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
        JsonArray kv = new JsonArray();
        kv.add(emit(e.getKey(), counts, labels));
        kv.add(emit(e.getValue(), counts, labels));
        pairs.add(kv);
      }
      j.add("items", pairs);
    } else {
      throw new IllegalArgumentException("no typed form for " + o.getClass());
    }
    return j;
  }

  // ---- typed JSON -> the Java value unjelly gives ----------------------------------------------

  static Object value(JsonObject j) {
    return value(j, new HashMap<>());
  }

  private static Object value(JsonObject j, Map<String, Object> labels) {
    String t = j.get("t").getAsString();
    switch (t) {
      case "same":
        return Objects.requireNonNull(labels.get(j.get("id").getAsString()), "label");
      case "none":
        return null;
      case "bool":
        return j.get("v").getAsBoolean();
      case "int":
        {
          BigInteger v = new BigInteger(j.get("v").getAsString());
          return v.bitLength() < 64 ? (Object) v.longValue() : v;
        }
      case "float":
        return Double.longBitsToDouble(ByteBuffer.wrap(Vectors.hex(j.get("bits"))).getLong());
      case "bytes":
        return ByteString.of(Vectors.hex(j.get("hex")));
      case "str":
        return j.get("v").getAsString();
      case "decimal":
        return new BigDecimal(j.get("v").getAsString());
      case "datetime":
        return LocalDateTime.of(
            j.get("year").getAsInt(), j.get("month").getAsInt(), j.get("day").getAsInt(),
            j.get("hour").getAsInt(), j.get("minute").getAsInt(), j.get("second").getAsInt(),
            j.get("microsecond").getAsInt() * 1000);
      case "date":
        return LocalDate.of(
            j.get("year").getAsInt(), j.get("month").getAsInt(), j.get("day").getAsInt());
      case "time":
        return LocalTime.of(
            j.get("hour").getAsInt(), j.get("minute").getAsInt(), j.get("second").getAsInt(),
            j.get("microsecond").getAsInt() * 1000);
      case "timedelta":
        return Duration.ofDays(j.get("days").getAsLong())
            .plusSeconds(j.get("seconds").getAsLong())
            .plusNanos(j.get("microseconds").getAsLong() * 1000);
      case "list":
        {
          List<Object> out = new ArrayList<>();
          label(j, labels, out);
          for (JsonElement e : j.getAsJsonArray("items")) {
            out.add(value(e.getAsJsonObject(), labels));
          }
          return out;
        }
      case "dict":
        {
          Map<Object, Object> out = new LinkedHashMap<>();
          label(j, labels, out);
          for (JsonElement e : j.getAsJsonArray("items")) {
            JsonArray kv = e.getAsJsonArray();
            out.put(value(kv.get(0).getAsJsonObject(), labels), value(kv.get(1).getAsJsonObject(), labels));
          }
          return out;
        }
      case "tuple":
      case "set":
      case "frozenset":
        {
          List<Object> items = new ArrayList<>();
          for (JsonElement e : j.getAsJsonArray("items")) {
            items.add(value(e.getAsJsonObject(), labels));
          }
          Object v =
              t.equals("tuple")
                  ? Tuple.copyOf(items)
                  : t.equals("set") ? new LinkedHashSet<>(items) : FrozenSet.copyOf(items);
          label(j, labels, v);
          return v;
        }
      case "unpersistable":
        return new Unpersistable(j.get("reason").getAsString());
      default:
        throw new IllegalArgumentException("unsupported typed value " + t);
    }
  }

  private static void label(JsonObject j, Map<String, Object> labels, Object v) {
    if (j.has("id")) {
      labels.put(j.get("id").getAsString(), v);
    }
  }

  // ---- comparison ------------------------------------------------------------------------------

  /** Structural equality with bit-exact floats, decimals by representation, and equal sharing. */
  static boolean same(Object a, Object b) {
    return same(a, b, new IdentityHashMap<>());
  }

  private static boolean same(Object a, Object b, IdentityHashMap<Object, Object> memo) {
    if (container(a)) {
      if (memo.containsKey(a)) {
        return memo.get(a) == b;
      }
      memo.put(a, b);
    }
    if (a == null || b == null) {
      return a == b;
    }
    if (a instanceof Integer) {
      a = ((Integer) a).longValue();
    }
    if (a instanceof byte[]) {
      a = ByteString.of((byte[]) a);
    }
    if (a instanceof Double && b instanceof Double) {
      return Double.doubleToRawLongBits((Double) a) == Double.doubleToRawLongBits((Double) b)
          || (((Double) a).isNaN() && ((Double) b).isNaN());
    }
    if (a instanceof BigDecimal && b instanceof BigDecimal) {
      return a.toString().equals(b.toString());
    }
    if (a instanceof Tuple && b instanceof Tuple) {
      return sameItems(((Tuple) a).asList(), ((Tuple) b).asList(), memo);
    }
    if (a instanceof FrozenSet != b instanceof FrozenSet || a instanceof Tuple || b instanceof Tuple) {
      return false;
    }
    if (a instanceof List && b instanceof List) {
      return sameItems((List<?>) a, (List<?>) b, memo);
    }
    if (a instanceof Set && b instanceof Set) {
      return sameItems(new ArrayList<>((Set<?>) a), new ArrayList<>((Set<?>) b), memo)
          || a.equals(b);
    }
    if (a instanceof Map && b instanceof Map) {
      Map<?, ?> x = (Map<?, ?>) a;
      Map<?, ?> y = (Map<?, ?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      List<Object> xk = new ArrayList<>(x.keySet());
      List<Object> yk = new ArrayList<>(y.keySet());
      if (!sameItems(xk, yk, memo)) {
        return false;
      }
      for (int i = 0; i < xk.size(); i++) {
        if (!same(x.get(xk.get(i)), y.get(yk.get(i)), memo)) {
          return false;
        }
      }
      return true;
    }
    return a.getClass() == b.getClass() && a.equals(b);
  }

  private static boolean sameItems(List<?> a, List<?> b, IdentityHashMap<Object, Object> memo) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!same(a.get(i), b.get(i), memo)) {
        return false;
      }
    }
    return true;
  }
}
