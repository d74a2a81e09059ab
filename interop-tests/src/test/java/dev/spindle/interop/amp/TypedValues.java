package dev.spindle.interop.amp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.amp.command.AmpDecimal;
import dev.spindle.amp.command.Request;
import dev.spindle.interop.amp.PeerCommands.AmpListRow;
import dev.spindle.testing.Vectors;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Turns the vectors' typed values ({@code {"t": ...}}) into the Java values of our commands. */
final class TypedValues {
  private TypedValues() {}

  static Object value(JsonObject tv) {
    String t = tv.get("t").getAsString();
    switch (t) {
      case "none":
        return null;
      case "bool":
        return tv.get("v").getAsBoolean();
      case "int":
        return new BigInteger(tv.get("v").getAsString());
      case "float":
        return Double.longBitsToDouble(ByteBuffer.wrap(Vectors.hex(tv.get("bits"))).getLong());
      case "bytes":
        return Vectors.hex(tv.get("hex"));
      case "str":
        return tv.get("v").getAsString();
      case "decimal":
        return AmpDecimal.parse(tv.get("v").getAsString());
      case "path":
        return Path.of(tv.get("v").getAsString());
      case "datetime":
        return OffsetDateTime.of(
            LocalDateTime.of(
                tv.get("year").getAsInt(),
                tv.get("month").getAsInt(),
                tv.get("day").getAsInt(),
                tv.get("hour").getAsInt(),
                tv.get("minute").getAsInt(),
                tv.get("second").getAsInt(),
                tv.get("microsecond").getAsInt() * 1000),
            ZoneOffset.ofTotalSeconds(tv.get("utcoffset_seconds").getAsInt()));
      case "list":
        {
          List<Object> out = new ArrayList<>();
          for (JsonElement e : tv.getAsJsonArray("items")) {
            out.add(value(e.getAsJsonObject()));
          }
          return out;
        }
      case "dict":
        {
          java.util.LinkedHashMap<Object, Object> out = new java.util.LinkedHashMap<>();
          for (JsonElement e : tv.getAsJsonArray("items")) {
            JsonArray kv = e.getAsJsonArray();
            out.put(value(kv.get(0).getAsJsonObject()), value(kv.get(1).getAsJsonObject()));
          }
          return out;
        }
      default:
        throw new IllegalArgumentException("unsupported typed value: " + t);
    }
  }

  /** Builders of the echo commands from the vector's value, by command name. */
  @SuppressWarnings("unchecked")
  static final Map<String, Function<Object, Request<?>>> ECHO =
      Map.ofEntries(
          Map.entry("EchoInteger", v -> new PeerCommands.EchoInteger((BigInteger) v)),
          Map.entry("EchoString", v -> new PeerCommands.EchoString((byte[]) v)),
          Map.entry("EchoUnicode", v -> new PeerCommands.EchoUnicode((String) v)),
          Map.entry("EchoBoolean", v -> new PeerCommands.EchoBoolean((Boolean) v)),
          Map.entry("EchoFloat", v -> new PeerCommands.EchoFloat((Double) v)),
          Map.entry("EchoDecimal", v -> new PeerCommands.EchoDecimal((AmpDecimal) v)),
          Map.entry("EchoDateTime", v -> new PeerCommands.EchoDateTime((OffsetDateTime) v)),
          Map.entry("EchoPath", v -> new PeerCommands.EchoPath((Path) v)),
          Map.entry("EchoOptionalUnicode", v -> new PeerCommands.EchoOptionalUnicode((String) v)),
          Map.entry(
              "EchoListOfInteger", v -> new PeerCommands.EchoListOfInteger((List<BigInteger>) v)),
          Map.entry("EchoListOfUnicode", v -> new PeerCommands.EchoListOfUnicode((List<String>) v)),
          Map.entry("EchoListOfString", v -> new PeerCommands.EchoListOfString((List<byte[]>) v)),
          Map.entry(
              "EchoListOfBoolean", v -> new PeerCommands.EchoListOfBoolean((List<Boolean>) v)),
          Map.entry("EchoListOfFloat", v -> new PeerCommands.EchoListOfFloat((List<Double>) v)),
          Map.entry(
              "EchoListOfDecimal", v -> new PeerCommands.EchoListOfDecimal((List<AmpDecimal>) v)),
          Map.entry(
              "EchoListOfDateTime",
              v -> new PeerCommands.EchoListOfDateTime((List<OffsetDateTime>) v)),
          Map.entry(
              "EchoListOfListOfInteger",
              v -> new PeerCommands.EchoListOfListOfInteger((List<List<BigInteger>>) v)),
          Map.entry(
              "EchoAmpList",
              v -> {
                List<AmpListRow> rows = new ArrayList<>();
                for (Object o : (List<Object>) v) {
                  Map<Object, Object> m = (Map<Object, Object>) o;
                  rows.add(
                      new AmpListRow(((BigInteger) m.get("a")).longValue(), (String) m.get("b")));
                }
                return new PeerCommands.EchoAmpList(rows);
              }));

  /** The single {@code value} component of an echo record. */
  static Object echoed(Object record) {
    try {
      return record.getClass().getRecordComponents()[0].getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Equality that tells -0.0 from 0.0, keeps NaN equal to NaN, compares arrays by content and
   * decimals by representation (1.50 is not 1.5), as the Python side does.
   */
  static boolean same(Object a, Object b) {
    if (a instanceof Double && b instanceof Double) {
      double x = (Double) a;
      double y = (Double) b;
      return (Double.isNaN(x) && Double.isNaN(y))
          || Double.doubleToRawLongBits(x) == Double.doubleToRawLongBits(y);
    }
    if (a instanceof byte[] && b instanceof byte[]) {
      return Arrays.equals((byte[]) a, (byte[]) b);
    }
    if (a instanceof AmpDecimal && b instanceof AmpDecimal) {
      return a.toString().equals(b.toString());
    }
    if (a instanceof OffsetDateTime && b instanceof OffsetDateTime) {
      return a.equals(b);
    }
    if (a instanceof List && b instanceof List) {
      List<?> x = (List<?>) a;
      List<?> y = (List<?>) b;
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!same(x.get(i), y.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof Long && b instanceof BigInteger) {
      return BigInteger.valueOf((Long) a).equals(b);
    }
    return java.util.Objects.equals(a, b);
  }
}
