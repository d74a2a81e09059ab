package dev.spindle.amp.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Test oracles for boxes, independent of the codec under test: a plain array parser, and readers
 * for the box lists of the golden vectors ({@code [[{"key": ..., "value_hex": ...}, ...], ...]}).
 */
public final class BoxBytes {
  private BoxBytes() {}

  /** Parses whole boxes from {@code bytes}; fails on a trailing partial box. */
  public static List<AmpBox> parse(byte[] bytes) {
    List<AmpBox> out = new ArrayList<>();
    AmpBox box = new AmpBox();
    int p = 0;
    while (p < bytes.length) {
      int keyLength = u16(bytes, p);
      p += 2;
      if (keyLength == 0) {
        out.add(box);
        box = new AmpBox();
        continue;
      }
      byte[] key = Arrays.copyOfRange(bytes, p, p + keyLength);
      p += keyLength;
      int valueLength = u16(bytes, p);
      p += 2;
      if (p + valueLength > bytes.length) {
        throw new IllegalArgumentException("truncated value at " + p);
      }
      box.put(key, Arrays.copyOfRange(bytes, p, p + valueLength));
      p += valueLength;
    }
    if (!box.isEmpty()) {
      throw new IllegalArgumentException("trailing partial box");
    }
    return out;
  }

  private static int u16(byte[] b, int p) {
    if (p + 2 > b.length) {
      throw new IllegalArgumentException("truncated length at " + p);
    }
    return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
  }

  /** Reads a vector's list of boxes. */
  public static List<AmpBox> fromJson(JsonElement boxes) {
    List<AmpBox> out = new ArrayList<>();
    for (JsonElement b : boxes.getAsJsonArray()) {
      out.add(boxFromJson(b.getAsJsonArray()));
    }
    return out;
  }

  /** Reads one vector box, keeping the recorded key order. */
  public static AmpBox boxFromJson(JsonArray pairs) {
    AmpBox box = new AmpBox();
    for (JsonElement e : pairs) {
      JsonObject pair = e.getAsJsonObject();
      box.put(
          pair.get("key").getAsString().getBytes(StandardCharsets.ISO_8859_1),
          Vectors.hex(pair.get("value_hex")));
    }
    return box;
  }

  /** The keys of {@code box} in insertion order, as Latin-1 strings. */
  public static List<String> keys(AmpBox box) {
    return box.keys();
  }
}
