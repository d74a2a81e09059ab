package dev.spindle.amp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.testing.Vectors;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every argument type against the golden vectors Twisted 22.4 produced ({@code
 * amp-boxes.json}): the exact bytes each value is sent as ({@code roundtrip[]}) and how Twisted
 * reads individual wire values, lenient and invalid ones included ({@code decode[]}).
 */
class ArgumentTypesVectorTest {
  private static final JsonObject BOXES = Vectors.load("amp-boxes.json");
  private static final Set<String> BASIC =
      Set.of("Integer", "String", "Unicode", "Boolean", "Float", "Decimal", "DateTime", "Path",
          "ListOf");

  /** Single-argument {@code value} commands of a basic type (ListOf of them included). */
  static Stream<Named<JsonObject>> basicRoundTrips() {
    return roundTrips(true).stream();
  }

  /** The AmpList echo commands, checked with a hand-written row codec. */
  static Stream<Named<JsonObject>> ampListRoundTrips() {
    return roundTrips(false).stream()
        .filter(v -> valueType(v.getPayload()) != null)
        .filter(v -> valueType(v.getPayload()).get("type").getAsString().equals("AmpList"));
  }

  static Stream<Named<JsonObject>> decodes() {
    List<Named<JsonObject>> out = new ArrayList<>();
    for (JsonElement e : BOXES.getAsJsonArray("decode")) {
      JsonObject v = e.getAsJsonObject();
      String name =
          v.getAsJsonObject("type").get("type").getAsString()
              + " "
              + v.get("wire_hex").getAsString()
              + (v.has("error") ? " -> error" : "");
      out.add(Named.of(name, v));
    }
    return out.stream();
  }

  private static List<Named<JsonObject>> roundTrips(boolean basic) {
    List<Named<JsonObject>> out = new ArrayList<>();
    for (JsonElement e : BOXES.getAsJsonArray("roundtrip")) {
      JsonObject v = e.getAsJsonObject();
      if (isBasic(v) == basic) {
        out.add(Named.of(v.get("description").getAsString(), v));
      }
    }
    return out;
  }

  /** The descriptor of the single argument named {@code value}, or null if there is none. */
  private static JsonObject valueType(JsonObject vector) {
    if (!vector.has("command")) {
      return null;
    }
    JsonArray arguments = vector.getAsJsonObject("command").getAsJsonArray("arguments");
    if (arguments.size() != 1) {
      return null;
    }
    JsonArray argument = arguments.get(0).getAsJsonArray();
    return argument.get(0).getAsString().equals("value")
        ? argument.get(2).getAsJsonObject()
        : null;
  }

  private static boolean isBasic(JsonObject vector) {
    JsonObject type = valueType(vector);
    return type != null
        && vector.getAsJsonObject("command").get("requiresAnswer").getAsBoolean()
        && isBasicType(type);
  }

  private static boolean isBasicType(JsonObject type) {
    String name = type.get("type").getAsString();
    return BASIC.contains(name)
        && (!name.equals("ListOf") || isBasicType(type.getAsJsonObject("of")));
  }

  @Test
  void vectorFileHasTheExpectedEntries() {
    // If the vector file changes, these counts say so; update them after looking at the change.
    assertEquals(75, roundTrips(true).size(), "basic round trips");
    assertEquals(7, roundTrips(false).size(), "round trips covered elsewhere");
    assertEquals(3, ampListRoundTrips().count(), "AmpList round trips");
    assertEquals(60, BOXES.getAsJsonArray("decode").size(), "decode entries");
  }

  @ParameterizedTest
  @MethodSource("basicRoundTrips")
  void sendsAndReadsValueAsTwisted(JsonObject vector) {
    check(vector);
  }

  @ParameterizedTest
  @MethodSource("ampListRoundTrips")
  void sendsAndReadsAmpListAsTwisted(JsonObject vector) {
    check(vector);
  }

  @SuppressWarnings("unchecked")
  private static void check(JsonObject vector) {
    ArgumentType<Object> type = (ArgumentType<Object>) VectorValues.type(valueType(vector));
    Object value = VectorValues.value(vector.getAsJsonObject("values").get("value"));
    JsonElement wire = vector.get("argument_wire");
    if (value == null) {
      // An absent optional argument: nothing is sent, there is nothing to convert.
      assertTrue(wire.isJsonNull(), "an absent value has no wire form");
      return;
    }
    byte[] sent = type.toBytes(value);
    JsonObject w = wire.getAsJsonObject();
    if (w.has("hex")) {
      assertEquals(w.get("hex").getAsString(), Vectors.toHex(sent));
    } else {
      // Very long values are given by length and SHA-256.
      assertEquals(w.get("length").getAsInt(), sent.length);
      assertEquals(w.get("sha256").getAsString(), sha256(sent));
    }
    Object expected =
        vector.has("received_value")
            ? VectorValues.value(vector.get("received_value"))
            : value;
    assertEquals(VectorValues.comparable(expected), VectorValues.comparable(type.fromBytes(sent)));
  }

  @ParameterizedTest
  @MethodSource("decodes")
  void readsWireValueAsTwisted(JsonObject vector) {
    ArgumentType<?> type = VectorValues.type(vector.getAsJsonObject("type"));
    byte[] wire = Vectors.hex(vector.get("wire_hex"));
    if (vector.has("value")) {
      assertEquals(
          VectorValues.comparable(VectorValues.value(vector.get("value"))),
          VectorValues.comparable(type.fromBytes(wire)));
    } else {
      AmpArgumentException e = assertThrows(AmpArgumentException.class, () -> type.fromBytes(wire));
      String python = vector.getAsJsonObject("error").get("message").getAsString();
      assertTrue(
          e.getMessage().contains(python),
          () -> "message " + e.getMessage() + " should contain Python's " + python);
    }
  }

  private static String sha256(byte[] b) {
    try {
      return Vectors.toHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
