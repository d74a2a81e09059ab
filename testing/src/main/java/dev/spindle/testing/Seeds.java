package dev.spindle.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Seed inputs for the fuzz tests, taken from the golden vectors ({@link Vectors}): every hex string
 * a vector file holds under a key the caller picks, in file order, without duplicates. The fuzz
 * tests name these as {@code @MethodSource} before {@code @FuzzTest}, so Jazzer runs them in
 * regression mode and hands them to libFuzzer as its seed corpus when fuzzing.
 */
public final class Seeds {
  private static final Pattern HEX = Pattern.compile("(?:[0-9a-f]{2})+");

  private Seeds() {}

  /** Every hex string in {@code file} held under a key ending in {@code _hex} or named {@code hex*}. */
  public static List<byte[]> hex(String file) {
    return hex(file, key -> key.endsWith("_hex") || key.startsWith("hex"));
  }

  /** Every hex string in {@code file} held under a key that {@code keys} accepts. */
  public static List<byte[]> hex(String file, Predicate<String> keys) {
    Set<String> found = new LinkedHashSet<>();
    walk(Vectors.load(file), "", keys, found);
    List<byte[]> out = new ArrayList<>(found.size());
    for (String h : found) {
      out.add(Vectors.hex(h));
    }
    return out;
  }

  private static void walk(JsonElement e, String key, Predicate<String> keys, Set<String> out) {
    if (e.isJsonObject()) {
      for (Map.Entry<String, JsonElement> m : ((JsonObject) e).entrySet()) {
        walk(m.getValue(), m.getKey(), keys, out);
      }
    } else if (e.isJsonArray()) {
      for (JsonElement item : (JsonArray) e) {
        walk(item, key, keys, out);
      }
    } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() && keys.test(key)) {
      String s = e.getAsString();
      if (HEX.matcher(s).matches()) {
        out.add(s);
      }
    }
  }
}
