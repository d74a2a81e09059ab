package dev.spindle.pb;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.testing.Vectors;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** The sessions of {@code pb-messages.json}: steps, each with its messages and recorded results. */
final class Transcripts {
  private static final JsonObject FILE = Vectors.load("pb-messages.json");

  private Transcripts() {}

  /** One recorded message: its direction ({@code c2s}/{@code s2c}), bytes and s-expression. */
  record Message(String dir, String hex, Sexp sexp) {
    boolean fromClient() {
      return dir.equals("c2s");
    }
  }

  /** One step: the action, its messages, and the whole JSON object (results, exceptions). */
  record Step(String action, List<Message> messages, JsonObject json) {}

  static List<Step> session(String name) {
    for (JsonElement e : FILE.getAsJsonArray("sessions")) {
      JsonObject s = e.getAsJsonObject();
      if (s.get("name").getAsString().equals(name)) {
        List<Step> steps = new ArrayList<>();
        for (JsonElement st : s.getAsJsonArray("steps")) {
          JsonObject step = st.getAsJsonObject();
          List<Message> messages = new ArrayList<>();
          for (JsonElement m : step.getAsJsonArray("messages")) {
            JsonObject mo = m.getAsJsonObject();
            messages.add(new Message(mo.get("dir").getAsString(), mo.get("hex").getAsString(), sexp(mo.get("sexp"))));
          }
          steps.add(new Step(step.get("action").getAsString(), messages, step));
        }
        return steps;
      }
    }
    throw new IllegalArgumentException("no session " + name);
  }

  /** A vector's s-expression (see {@code meta.conventions.sexp}). */
  static Sexp sexp(JsonElement e) {
    if (e.isJsonArray()) {
      JsonArray a = e.getAsJsonArray();
      List<Sexp> items = new ArrayList<>(a.size());
      for (JsonElement item : a) {
        items.add(sexp(item));
      }
      return Sexp.list(items);
    }
    if (e.isJsonPrimitive()) {
      return Sexp.integer(e.getAsBigInteger());
    }
    JsonObject o = e.getAsJsonObject();
    if (o.has("i")) {
      return Sexp.integer(new BigInteger(o.get("i").getAsString()));
    }
    if (o.has("bits")) {
      return Sexp.floating(Double.longBitsToDouble(Long.parseUnsignedLong(o.get("bits").getAsString(), 16)));
    }
    if (o.has("b")) {
      return Sexp.bytes(Vectors.hex(o.get("b")));
    }
    throw new IllegalArgumentException("not a Banana sexp: " + e);
  }
}
