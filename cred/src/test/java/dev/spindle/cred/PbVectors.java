package dev.spindle.cred;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads {@code pb-messages.json}, the PB sessions Twisted 22.4 recorded, from the directory in the
 * {@code spindle.vectors} system property. Decodes s-expressions to Java values: byte strings to
 * {@code byte[]}, lists to {@code List<Object>}, integers to {@code Long}.
 */
final class PbVectors {
  private PbVectors() {}

  static JsonObject session(String name) {
    for (JsonElement s : load().getAsJsonArray("sessions")) {
      if (s.getAsJsonObject().get("name").getAsString().equals(name)) {
        return s.getAsJsonObject();
      }
    }
    throw new IllegalStateException("no session " + name + " in pb-messages.json");
  }

  /** Every message of {@code session}, decoded, with its direction ("c2s" or "s2c"). */
  static List<Message> messages(JsonObject session) {
    List<Message> out = new ArrayList<>();
    for (JsonElement step : session.getAsJsonArray("steps")) {
      for (JsonElement m : step.getAsJsonObject().getAsJsonArray("messages")) {
        JsonObject o = m.getAsJsonObject();
        out.add(new Message(o.get("dir").getAsString(), decode(o.get("sexp"))));
      }
    }
    return out;
  }

  record Message(String dir, Object sexp) {
    /** The message kind, its first element, as text. */
    String kind() {
      return sexp instanceof List<?> l && l.get(0) instanceof byte[] b
          ? new String(b, StandardCharsets.US_ASCII)
          : "";
    }

    List<?> list() {
      return (List<?>) sexp;
    }
  }

  static Object decode(JsonElement e) {
    if (e.isJsonArray()) {
      List<Object> items = new ArrayList<>();
      for (JsonElement i : (JsonArray) e) {
        items.add(decode(i));
      }
      return items;
    }
    if (e.isJsonObject() && e.getAsJsonObject().has("b")) {
      return HexFormat.of().parseHex(e.getAsJsonObject().get("b").getAsString());
    }
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      return e.getAsLong();
    }
    return e.toString();
  }

  static String text(Object bytes) {
    return new String((byte[]) bytes, StandardCharsets.UTF_8);
  }

  private static JsonObject load() {
    String dir = System.getProperty("spindle.vectors", "../../shared/vectors");
    Path file = Path.of(dir, "pb-messages.json");
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return JsonParser.parseReader(r).getAsJsonObject();
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read " + file.toAbsolutePath() + " (expected: ../shared/vectors beside the project)", e);
    }
  }
}
