package dev.spindle.pb.jelly;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.testing.Vectors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Converts {@code jelly.json}'s JSON s-expressions and typed Python values to Java. */
final class VectorValues {
  private VectorValues() {}

  /** A vector value or s-expression with no Java counterpart. */
  static final class NoJavaValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoJavaValue(String reason) {
      super(reason);
    }
  }

  /** The s-expression; a Python str ({@code {"s": ...}}) cannot cross Banana and has no Sexp. */
  static Sexp sexp(JsonElement e) {
    return sexp(e, false);
  }

  /** As {@link #sexp(JsonElement)}, but a Python str becomes its UTF-8 bytes (for head-only checks). */
  static Sexp sexp(JsonElement e, boolean strAsBytes) {
    if (e.isJsonArray()) {
      List<Sexp> items = new ArrayList<>();
      for (JsonElement item : e.getAsJsonArray()) {
        items.add(sexp(item, strAsBytes));
      }
      return Sexp.list(items);
    }
    if (e.isJsonPrimitive()) {
      return Sexp.integer(e.getAsLong());
    }
    JsonObject o = e.getAsJsonObject();
    if (o.has("b")) {
      return new Sexp.Bytes(Vectors.hex(o.get("b")));
    }
    if (o.has("i")) {
      return Sexp.integer(new BigInteger(o.get("i").getAsString()));
    }
    if (o.has("f")) {
      return Sexp.floating(Double.longBitsToDouble(Long.parseUnsignedLong(o.get("bits").getAsString(), 16)));
    }
    if (o.has("s")) {
      if (strAsBytes) {
        return new Sexp.Bytes(o.get("s").getAsString().getBytes(StandardCharsets.UTF_8));
      }
      throw new NoJavaValue("the s-expression holds a Python str, which Banana cannot carry");
    }
    throw new IllegalArgumentException("unknown sexp " + e);
  }

  /** The Java value of a typed Python value. */
  static Object value(JsonElement e) {
    return new Converter().convert(e.getAsJsonObject());
  }

  private static final class Converter {
    private final Map<String, Object> ids = new HashMap<>();

    Object convert(JsonObject o) {
      String t = o.get("t").getAsString();
      switch (t) {
        case "none":
          return null;
        case "bool":
          return o.get("v").getAsBoolean();
        case "int": {
          BigInteger v = new BigInteger(o.get("v").getAsString());
          return v.bitLength() < 64 ? (Object) v.longValue() : v;
        }
        case "float":
          return Double.longBitsToDouble(Long.parseUnsignedLong(o.get("bits").getAsString(), 16));
        case "bytes":
          return ByteString.of(Vectors.hex(o.get("hex")));
        case "str":
          return o.get("v").getAsString();
        case "list": {
          ArrayList<Object> l = remember(o, new ArrayList<>());
          for (JsonElement item : o.getAsJsonArray("items")) {
            l.add(convert(item.getAsJsonObject()));
          }
          return l;
        }
        case "tuple": {
          JsonArray items = o.getAsJsonArray("items");
          Tuple tuple = remember(o, new Tuple(new Object[items.size()]));
          for (int i = 0; i < items.size(); i++) {
            tuple.set(i, convert(items.get(i).getAsJsonObject()));
          }
          return tuple;
        }
        case "set": {
          LinkedHashSet<Object> s = remember(o, new LinkedHashSet<>());
          for (JsonElement item : o.getAsJsonArray("items")) {
            s.add(convert(item.getAsJsonObject()));
          }
          return s;
        }
        case "frozenset": {
          FrozenSet<Object> s = remember(o, new FrozenSet<>(new LinkedHashSet<>()));
          for (JsonElement item : o.getAsJsonArray("items")) {
            s.addInternal(convert(item.getAsJsonObject()));
          }
          return s;
        }
        case "dict": {
          LinkedHashMap<Object, Object> m = remember(o, new LinkedHashMap<>());
          for (JsonElement item : o.getAsJsonArray("items")) {
            JsonArray kv = item.getAsJsonArray();
            Object k = convert(kv.get(0).getAsJsonObject());
            m.put(k, convert(kv.get(1).getAsJsonObject()));
          }
          return m;
        }
        case "decimal":
          try {
            return new BigDecimal(o.get("v").getAsString());
          } catch (NumberFormatException ex) {
            throw new NoJavaValue("BigDecimal has no " + o.get("v").getAsString());
          }
        case "datetime": {
          LocalDateTime dt = LocalDateTime.of(i(o, "year"), i(o, "month"), i(o, "day"), i(o, "hour"),
              i(o, "minute"), i(o, "second"), i(o, "microsecond") * 1000);
          if (o.get("utcoffset_seconds").isJsonNull()) {
            return dt;
          }
          return OffsetDateTime.of(dt, ZoneOffset.ofTotalSeconds(i(o, "utcoffset_seconds")));
        }
        case "date":
          return LocalDate.of(i(o, "year"), i(o, "month"), i(o, "day"));
        case "time":
          return LocalTime.of(i(o, "hour"), i(o, "minute"), i(o, "second"), i(o, "microsecond") * 1000);
        case "timedelta":
          return Duration.ofDays(i(o, "days")).plusSeconds(i(o, "seconds")).plusNanos(i(o, "microseconds") * 1000L);
        case "unpersistable":
          return new Unpersistable(o.get("reason").getAsString());
        case "instance":
          return instance(o);
        case "same":
          return ids.get(o.get("id").getAsString());
        default:
          throw new NoJavaValue("Java has no counterpart of a Python " + t + " value");
      }
    }

    private Object instance(JsonObject o) {
      String cls = o.get("class").getAsString();
      Goldens.Golden g;
      switch (cls) {
        case "goldens.Point":
          g = new Goldens.Point();
          break;
        case "goldens.Empty":
          g = new Goldens.Empty();
          break;
        case "goldens.WithState":
          g = new Goldens.WithState();
          break;
        case "goldens.SelfJelly":
          g = new Goldens.SelfJelly();
          break;
        default:
          throw new NoJavaValue("no Java stand-in for " + cls);
      }
      remember(o, g);
      for (JsonElement item : o.getAsJsonObject("state").getAsJsonArray("items")) {
        JsonArray kv = item.getAsJsonArray();
        g.dict.put((String) convert(kv.get(0).getAsJsonObject()), convert(kv.get(1).getAsJsonObject()));
      }
      return g;
    }

    private <T> T remember(JsonObject o, T value) {
      if (o.has("id")) {
        ids.put(o.get("id").getAsString(), value);
      }
      return value;
    }

    private static int i(JsonObject o, String key) {
      return o.get(key).getAsInt();
    }
  }
}
