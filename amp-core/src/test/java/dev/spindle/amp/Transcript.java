package dev.spindle.amp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.testing.Vectors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sessions of {@code amp-transcript.json}, as steps of messages. */
final class Transcript {
  /** One write (hex) or close (event) by one side. */
  record Message(String dir, String hex, boolean close) {
    boolean c2s() {
      return dir.equals("c2s");
    }

    boolean s2c() {
      return dir.equals("s2c");
    }

    byte[] bytes() {
      return Vectors.hex(hex);
    }
  }

  /** One step: an action, its messages, and whether an exception escaped dataReceived. */
  record Step(String action, List<Message> messages, boolean exceptionEscaped) {
    List<String> hex(String dir) {
      List<String> out = new ArrayList<>();
      for (Message m : messages) {
        if (m.dir.equals(dir) && m.hex != null) {
          out.add(m.hex);
        }
      }
      return out;
    }

    boolean closes(String dir) {
      return messages.stream().anyMatch(m -> m.dir.equals(dir) && m.close);
    }
  }

  record Session(String name, List<Step> steps, String c2sHex, String s2cHex) {
    Step step(int i) {
      return steps.get(i);
    }
  }

  private static Map<String, Session> sessions;

  private Transcript() {}

  static synchronized Session session(String name) {
    if (sessions == null) {
      sessions = load();
    }
    Session s = sessions.get(name);
    if (s == null) {
      throw new IllegalArgumentException("no session " + name);
    }
    return s;
  }

  static synchronized List<String> names() {
    if (sessions == null) {
      sessions = load();
    }
    return new ArrayList<>(sessions.keySet());
  }

  private static Map<String, Session> load() {
    Map<String, Session> out = new LinkedHashMap<>();
    JsonObject t = Vectors.load("amp-transcript.json");
    for (JsonElement se : t.getAsJsonArray("sessions")) {
      JsonObject s = se.getAsJsonObject();
      List<Step> steps = new ArrayList<>();
      for (JsonElement ste : s.getAsJsonArray("steps")) {
        JsonObject st = ste.getAsJsonObject();
        List<Message> messages = new ArrayList<>();
        for (JsonElement me : st.getAsJsonArray("messages")) {
          JsonObject m = me.getAsJsonObject();
          messages.add(
              new Message(
                  m.get("dir").getAsString(),
                  m.has("hex") ? m.get("hex").getAsString() : null,
                  m.has("event") && m.get("event").getAsString().equals("close")));
        }
        steps.add(
            new Step(
                st.get("action").getAsString(),
                messages,
                st.has("exception_escaped_dataReceived")));
      }
      out.put(
          s.get("name").getAsString(),
          new Session(
              s.get("name").getAsString(),
              steps,
              s.get("client_to_server_hex").getAsString(),
              s.get("server_to_client_hex").getAsString()));
    }
    return out;
  }
}
