package dev.spindle.amp.command;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.internal.repr.PythonRepr;
import dev.spindle.testing.Vectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the golden vectors' type descriptors and typed values ({@code amp-boxes.json}, see its
 * {@code meta.conventions}) into {@link ArgumentType}s and Java values, and puts values into a
 * form that {@code equals} compares by content (arrays by bytes, doubles by bits).
 */
final class VectorValues {
  private VectorValues() {}

  /** The argument type for a descriptor such as {@code {"type": "ListOf", "of": {...}}}. */
  static ArgumentType<?> type(JsonObject descriptor) {
    String type = descriptor.get("type").getAsString();
    switch (type) {
      case "Integer":
        return ArgumentTypes.BIG_INTEGER;
      case "String":
        return ArgumentTypes.STRING;
      case "Unicode":
        return ArgumentTypes.UNICODE;
      case "Boolean":
        return ArgumentTypes.BOOLEAN;
      case "Float":
        return ArgumentTypes.FLOAT;
      case "Decimal":
        return ArgumentTypes.DECIMAL;
      case "DateTime":
        return ArgumentTypes.DATE_TIME;
      case "Path":
        return ArgumentTypes.PATH;
      case "ListOf":
        return ArgumentTypes.listOf(type(descriptor.getAsJsonObject("of")));
      case "AmpList":
        return ArgumentTypes.ampList(new RowCodec(descriptor.getAsJsonArray("fields")));
      default:
        throw new IllegalArgumentException("no argument type for " + descriptor);
    }
  }

  /** The Java value of a typed value such as {@code {"t": "int", "v": "7"}}. */
  static Object value(JsonElement typed) {
    JsonObject o = typed.getAsJsonObject();
    String t = o.get("t").getAsString();
    switch (t) {
      case "none":
        return null;
      case "bool":
        return o.get("v").getAsBoolean();
      case "int":
        return new BigInteger(o.get("v").getAsString());
      case "bytes":
        return Vectors.hex(o.get("hex"));
      case "str":
        return o.get("v").getAsString();
      case "float":
        return Double.longBitsToDouble(Long.parseUnsignedLong(o.get("bits").getAsString(), 16));
      case "decimal":
        return AmpDecimal.parse(o.get("v").getAsString());
      case "datetime":
        return OffsetDateTime.of(
            o.get("year").getAsInt(),
            o.get("month").getAsInt(),
            o.get("day").getAsInt(),
            o.get("hour").getAsInt(),
            o.get("minute").getAsInt(),
            o.get("second").getAsInt(),
            o.get("microsecond").getAsInt() * 1000,
            ZoneOffset.ofTotalSeconds(o.get("utcoffset_seconds").getAsInt()));
      case "path":
        return Path.of(o.get("v").getAsString());
      case "list":
        {
          List<Object> list = new ArrayList<>();
          for (JsonElement item : o.getAsJsonArray("items")) {
            list.add(value(item));
          }
          return list;
        }
      case "dict":
        {
          Map<String, Object> map = new LinkedHashMap<>();
          for (JsonElement item : o.getAsJsonArray("items")) {
            JsonArray pair = item.getAsJsonArray();
            map.put((String) value(pair.get(0)), value(pair.get(1)));
          }
          return map;
        }
      default:
        throw new IllegalArgumentException("no Java value for " + typed);
    }
  }

  /**
   * Returns {@code value} with byte arrays as {@code bytes:HEX} and doubles as {@code
   * float:BITS} (NaNs canonical), recursively, so that {@code equals} compares contents.
   */
  static Object comparable(Object value) {
    if (value instanceof byte[]) {
      return "bytes:" + Vectors.toHex((byte[]) value);
    }
    if (value instanceof Double) {
      return "float:" + Long.toHexString(Double.doubleToLongBits((Double) value));
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object item : (List<?>) value) {
        out.add(comparable(item));
      }
      return out;
    }
    if (value instanceof Map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (e.getValue() != null) { // an absent optional field and a None one are the same
          out.put(e.getKey(), comparable(e.getValue()));
        }
      }
      return out;
    }
    return value;
  }

  /**
   * A hand-written {@link BoxCodec} for the rows of an {@code AmpList}: a map from field name to
   * value, driven by the vector's field list. Optional fields are left out when null; a missing
   * required field fails as Twisted's {@code KeyError: b'a'} does.
   */
  static final class RowCodec implements BoxCodec<Map<String, Object>> {
    private final List<String> names = new ArrayList<>();
    private final List<ArgumentType<Object>> types = new ArrayList<>();
    private final List<Boolean> optional = new ArrayList<>();

    @SuppressWarnings("unchecked")
    RowCodec(JsonArray fields) {
      for (JsonElement field : fields) {
        JsonArray f = field.getAsJsonArray();
        JsonObject descriptor = f.get(1).getAsJsonObject();
        names.add(f.get(0).getAsString());
        types.add((ArgumentType<Object>) type(descriptor));
        optional.add(descriptor.has("optional") && descriptor.get("optional").getAsBoolean());
      }
    }

    @Override
    public void write(Map<String, Object> value, AmpBox box) {
      for (int i = 0; i < names.size(); i++) {
        Object v = value.get(names.get(i));
        if (v != null) {
          box.put(names.get(i), types.get(i).toBytes(v));
        } else if (!optional.get(i)) {
          throw new AmpArgumentException(names.get(i) + ": null (expected: a value)");
        }
      }
    }

    @Override
    public Map<String, Object> read(AmpBox box) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) {
        byte[] raw = box.get(names.get(i));
        if (raw == null) {
          if (!optional.get(i)) {
            throw new AmpArgumentException(
                "KeyError: " + PythonRepr.bytes(names.get(i).getBytes(StandardCharsets.US_ASCII)));
          }
          out.put(names.get(i), null);
        } else {
          out.put(names.get(i), types.get(i).fromBytes(raw));
        }
      }
      return out;
    }
  }
}
