package dev.spindle.pb.banana;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.testing.Vectors;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the s-expressions of {@code banana.json} (see its {@code meta.conventions.sexp}) and
 * compares trees bit-exactly without recursion.
 */
final class SexpJson {
  private SexpJson() {}

  /** Converts a vector's {@code sexp}: array, integer, {@code {"i"}}, {@code {"f","bits"}}, {@code {"b"}}. */
  static Sexp parse(JsonElement e) {
    if (e.isJsonArray()) {
      JsonArray a = e.getAsJsonArray();
      List<Sexp> items = new ArrayList<>(a.size());
      for (JsonElement item : a) {
        items.add(parse(item));
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

  /** Structural equality with floats compared by raw bits, iteratively (any depth). */
  static boolean same(Sexp a, Sexp b) {
    Deque<Sexp[]> work = new ArrayDeque<>();
    work.push(new Sexp[] {a, b});
    while (!work.isEmpty()) {
      Sexp[] pair = work.pop();
      Sexp x = pair[0];
      Sexp y = pair[1];
      if (x instanceof Sexp.SList lx && y instanceof Sexp.SList ly) {
        if (lx.size() != ly.size()) {
          return false;
        }
        for (int i = 0; i < lx.size(); i++) {
          work.push(new Sexp[] {lx.get(i), ly.get(i)});
        }
      } else if (x instanceof Sexp.Float fx && y instanceof Sexp.Float fy) {
        if (Double.doubleToRawLongBits(fx.value()) != Double.doubleToRawLongBits(fy.value())) {
          return false;
        }
      } else if (x instanceof Sexp.SList || y instanceof Sexp.SList || !x.equals(y)) {
        return false;
      }
    }
    return true;
  }

  /** A short rendering for assertion messages (depth-limited, so deep trees are safe). */
  static String show(Sexp s) {
    StringBuilder sb = new StringBuilder();
    show(s, sb, 0);
    return sb.toString();
  }

  private static void show(Sexp s, StringBuilder sb, int depth) {
    if (depth > 8 || sb.length() > 400) {
      sb.append("…");
    } else if (s instanceof Sexp.SList l) {
      sb.append('[');
      for (int i = 0; i < l.size(); i++) {
        if (i > 0) {
          sb.append(", ");
        }
        show(l.get(i), sb, depth + 1);
      }
      sb.append(']');
    } else if (s instanceof Sexp.Bytes b) {
      sb.append("b'").append(b.length() > 40 ? b.length() + " bytes" : b.asLatin1()).append('\'');
    } else if (s instanceof Sexp.Int i) {
      sb.append(i.value());
    } else if (s instanceof Sexp.BigInt i) {
      sb.append(i.value());
    } else if (s instanceof Sexp.Float f) {
      sb.append(f.value()).append("/0x").append(Long.toHexString(Double.doubleToRawLongBits(f.value())));
    } else {
      sb.append(s);
    }
  }
}
