package dev.spindle.amp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.testing.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of the AMP argument parsers ({@link ArgumentType#fromBytes}), seeded with
 * every wire value of the AMP golden vectors. The first input byte picks the type (see {@link
 * #TYPES}), the rest is the value as it would arrive in a box (at most 65,535 bytes).
 *
 * <p>Invariants: a value parses or fails with an {@link AmpArgumentException}, nothing else; a
 * parsed value that can be sent again ({@link ArgumentType#toBytes}, which may refuse with an
 * {@code AmpArgumentException}) parses back to the same value.
 */
class ArgumentTypesFuzzTest {
  /** The types, by selector: Twisted's (as the vectors describe them), then Java's own. */
  private static final List<String> DESCRIPTORS = List.of(
      "{'type': 'Integer'}",
      "{'type': 'String'}",
      "{'type': 'Unicode'}",
      "{'type': 'Boolean'}",
      "{'type': 'Float'}",
      "{'type': 'Decimal'}",
      "{'type': 'DateTime'}",
      "{'type': 'Path'}",
      "{'type': 'ListOf', 'of': {'type': 'Integer'}}",
      "{'type': 'ListOf', 'of': {'type': 'Unicode'}}",
      "{'type': 'ListOf', 'of': {'type': 'String'}}",
      "{'type': 'ListOf', 'of': {'type': 'Float'}}",
      "{'type': 'ListOf', 'of': {'type': 'Decimal'}}",
      "{'type': 'ListOf', 'of': {'type': 'DateTime'}}",
      "{'type': 'ListOf', 'of': {'type': 'ListOf', 'of': {'type': 'Integer'}}}",
      "{'type': 'AmpList', 'fields': [['a', {'type': 'Integer'}], ['b', {'type': 'Unicode', 'optional': true}]]}");

  private static final List<ArgumentType<?>> TYPES = types();

  private static List<ArgumentType<?>> types() {
    List<ArgumentType<?>> out = new ArrayList<>();
    for (String d : DESCRIPTORS) {
      out.add(VectorValues.type(JsonParser.parseString(d).getAsJsonObject()));
    }
    out.add(ArgumentTypes.LONG);
    out.add(ArgumentTypes.INT);
    out.add(ArgumentTypes.BIG_DECIMAL);
    return out;
  }

  /** Each vector's wire value, prefixed with the selector of its type. */
  static Stream<byte[]> seeds() {
    JsonObject boxes = Vectors.load("amp-boxes.json");
    List<byte[]> seeds = new ArrayList<>();
    for (JsonElement e : boxes.getAsJsonArray("decode")) {
      JsonObject v = e.getAsJsonObject();
      add(seeds, v.get("type"), Vectors.hex(v.get("wire_hex")));
    }
    for (JsonElement e : boxes.getAsJsonArray("roundtrip")) {
      JsonObject v = e.getAsJsonObject();
      if (v.has("command") && v.get("argument_wire") instanceof JsonObject) {
        JsonElement type = v.getAsJsonObject("command").getAsJsonArray("arguments").get(0)
            .getAsJsonArray().get(2);
        JsonObject wire = v.getAsJsonObject("argument_wire");
        if (wire.has("hex")) {
          add(seeds, type, Vectors.hex(wire.get("hex")));
        }
      }
    }
    return seeds.stream();
  }

  private static void add(List<byte[]> seeds, JsonElement type, byte[] wire) {
    JsonObject t = type.getAsJsonObject().deepCopy();
    t.remove("optional");
    for (int i = 0; i < DESCRIPTORS.size(); i++) {
      if (JsonParser.parseString(DESCRIPTORS.get(i)).equals(t)) {
        byte[] seed = new byte[wire.length + 1];
        seed[0] = (byte) i;
        System.arraycopy(wire, 0, seed, 1, wire.length);
        seeds.add(seed);
        return;
      }
    }
  }

  @MethodSource("seeds")
  @FuzzTest(maxDuration = "30s")
  @Timeout(value = 2, unit = TimeUnit.MINUTES) // the first input also pays for Jazzer's agent
  void parseArgument(byte[] input) {
    if (input.length == 0) {
      return;
    }
    @SuppressWarnings("unchecked")
    ArgumentType<Object> type = (ArgumentType<Object>) TYPES.get((input[0] & 0xff) % TYPES.size());
    byte[] wire = Arrays.copyOfRange(input, 1, Math.min(input.length, 1 + AmpKeys.MAX_VALUE_LENGTH));
    Object value;
    try {
      value = type.fromBytes(wire);
    } catch (AmpArgumentException expected) {
      return;
    }
    byte[] again;
    try {
      again = type.toBytes(value);
    } catch (AmpArgumentException cannotBeSent) {
      return;
    }
    assertEquals(
        VectorValues.comparable(value),
        VectorValues.comparable(type.fromBytes(again)),
        () -> "re-sent as " + Vectors.toHex(again));
  }
}
