package dev.spindle.amp.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.testing.Vectors;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/**
 * Every box-carrying message of the golden vectors, as written by Twisted: each transcript
 * message with boxes (all sessions, protocol-switch and starttls included: their AMP messages are
 * ordinary boxes) and each request and response of {@code amp-boxes.json}.
 */
public final class GoldenMessages {
  /** One write() of Twisted: its bytes and the boxes it holds. */
  public record Message(String name, byte[] bytes, List<AmpBox> boxes) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static List<Message> all;

  private GoldenMessages() {}

  /** All messages; loaded once. */
  public static synchronized List<Message> all() {
    if (all == null) {
      List<Message> out = new ArrayList<>();
      transcriptMessages(out);
      boxesMessages(out);
      all = Collections.unmodifiableList(out);
    }
    return all;
  }

  private static void transcriptMessages(List<Message> out) {
    JsonObject t = Vectors.load("amp-transcript.json");
    for (JsonElement se : t.getAsJsonArray("sessions")) {
      JsonObject session = se.getAsJsonObject();
      int step = 0;
      for (JsonElement st : session.getAsJsonArray("steps")) {
        int msg = 0;
        for (JsonElement me : st.getAsJsonObject().getAsJsonArray("messages")) {
          JsonObject m = me.getAsJsonObject();
          if (m.has("hex") && m.has("boxes") && !m.get("boxes").isJsonNull()) {
            out.add(
                new Message(
                    session.get("name").getAsString() + " step " + step + " msg " + msg + " "
                        + m.get("dir").getAsString(),
                    Vectors.hex(m.get("hex")),
                    BoxBytes.fromJson(m.get("boxes"))));
          }
          msg++;
        }
        step++;
      }
    }
  }

  private static void boxesMessages(List<Message> out) {
    JsonObject b = Vectors.load("amp-boxes.json");
    for (JsonElement re : b.getAsJsonArray("roundtrip")) {
      JsonObject r = re.getAsJsonObject();
      String d = r.get("description").getAsString();
      for (String dir : new String[] {"request", "response"}) {
        if (!r.has(dir + "_boxes")) {
          continue;
        }
        List<AmpBox> boxes = BoxBytes.fromJson(withValues(r, r.get(dir + "_boxes").deepCopy()));
        byte[] bytes;
        if (r.has(dir + "_hex")) {
          bytes = Vectors.hex(r.get(dir + "_hex"));
        } else {
          // Too big to store as hex: rebuilt from the boxes, checked against length and SHA-256.
          bytes = concat(boxes);
          if (bytes.length != r.get(dir + "_length").getAsInt()
              || !sha256(bytes).equals(r.get(dir + "_sha256").getAsString())) {
            throw new IllegalStateException(d + ": rebuilt " + dir + " does not match its digest");
          }
        }
        out.add(new Message("amp-boxes " + d + " " + dir, bytes, boxes));
      }
    }
  }

  /**
   * The 65,535-byte vector stores only the length, head and SHA-256 of its value in the box list;
   * the value itself is the typed argument. Fills it in after checking the digest.
   */
  private static JsonElement withValues(JsonObject vector, JsonElement boxes) {
    for (JsonElement b : boxes.getAsJsonArray()) {
      for (JsonElement pe : b.getAsJsonArray()) {
        JsonObject pair = pe.getAsJsonObject();
        if (pair.has("value_hex")) {
          continue;
        }
        String key = pair.get("key").getAsString();
        String hex = vector.getAsJsonObject("values").getAsJsonObject(key).get("hex").getAsString();
        byte[] value = Vectors.hex(hex);
        if (value.length != pair.get("value_length").getAsInt()
            || !sha256(value).equals(pair.get("value_sha256").getAsString())) {
          throw new IllegalStateException(key + ": typed value does not match the box's digest");
        }
        pair.addProperty("value_hex", hex);
      }
    }
    return boxes;
  }

  private static byte[] concat(List<AmpBox> boxes) {
    int n = 0;
    for (AmpBox box : boxes) {
      n += box.encodedLength();
    }
    byte[] out = new byte[n];
    int p = 0;
    for (AmpBox box : boxes) {
      byte[] b = box.toByteArray();
      System.arraycopy(b, 0, out, p, b.length);
      p += b.length;
    }
    return out;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
