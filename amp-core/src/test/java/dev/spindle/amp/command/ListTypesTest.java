package dev.spindle.amp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.testing.Vectors;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ListOf and AmpList decoding edge cases, checked against Twisted 22.4: a truncated trailing
 * element or box is silently dropped, because Twisted runs its streaming parsers over the value
 * and they simply wait for more data that never comes.
 */
class ListTypesTest {
  private static final ArgumentType<List<Map<String, Object>>> AMP_LIST =
      ArgumentTypes.ampList(
          new VectorValues.RowCodec(
              JsonParser.parseString(
                      "[[\"a\", {\"type\": \"Integer\"}],"
                          + " [\"b\", {\"type\": \"Unicode\", \"optional\": true}]]")
                  .getAsJsonArray()));
  private static final ArgumentType<List<Long>> LONGS = ArgumentTypes.listOf(ArgumentTypes.LONG);

  @ParameterizedTest
  @CsvSource({
    "0001610001310000, 1",
    "000161000131000000, 1", // one byte of the next key length
    "00016100013100000001, 1", // the next key length
    "0001610001310000000161, 1", // ... and the key
    "000161000131000000016100, 1", // ... and half the value length
    "00016100013100000001610001, 1", // ... and the value length
    "0001610001310000000161000132, 1", // a whole pair, but no terminator
    "000161000131000000ff, 1", // the last byte of a long key length
    "000161000131, 0", // the only box has no terminator
    "00, 0",
    "'', 0",
  })
  void ampListDropsTruncatedTrailingBox(String hex, int rows) {
    List<Map<String, Object>> value = AMP_LIST.fromBytes(Vectors.hex(hex));
    assertEquals(rows, value.size());
    if (rows == 1) {
      assertEquals(row(1, null), value.get(0));
    }
  }

  @Test
  void ampListRowsIgnoreExtraKeysAndKeepTheLaterDuplicate() {
    assertEquals(
        List.of(row(1, null), row(2, "x")),
        AMP_LIST.fromBytes(
            Vectors.hex(
                "0001610001310000000161000132000162000178000163000769676e6f7265640000")));
    assertEquals(
        List.of(row(2, null)), AMP_LIST.fromBytes(Vectors.hex("0001610001310001610001320000")));
  }

  @Test
  void ampListRefusesKeyLengthAbove255EvenWhenTruncated() {
    // Twisted gives up on the length prefix alone (its parser then fails to drop the connection).
    AmpArgumentException e =
        assertThrows(
            AmpArgumentException.class,
            () -> AMP_LIST.fromBytes(Vectors.hex("00016100013100000100")));
    assertEquals("AmpList: key length 256 at offset 8 (expected: at most 255)", e.getMessage());
  }

  @Test
  void ampListEmptyBoxMissesRequiredField() {
    AmpArgumentException e =
        assertThrows(AmpArgumentException.class, () -> AMP_LIST.fromBytes(Vectors.hex("0000")));
    assertEquals("KeyError: b'a'", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource({
    "00013100056162, 1",
    "00, ''",
    "0001, ''",
    "000131000231, 1",
    "00013100023132ff, 1 12",
    "'', ''",
  })
  void listOfDropsTruncatedTrailingElement(String hex, String longs) {
    List<Long> expected =
        longs.isEmpty()
            ? List.of()
            : Arrays.stream(longs.split(" ")).map(Long::valueOf).toList();
    assertEquals(expected, LONGS.fromBytes(Vectors.hex(hex)));
  }

  @Test
  void listOfEmptyElementIsAnInvalidInteger() {
    AmpArgumentException e =
        assertThrows(AmpArgumentException.class, () -> LONGS.fromBytes(Vectors.hex("0001310000")));
    assertEquals("invalid literal for int() with base 10: b''", e.getMessage());
  }

  @Test
  void listOfRefusesElementOver65535Bytes() {
    ArgumentType<List<byte[]>> type = ArgumentTypes.listOf(ArgumentTypes.STRING);
    assertEquals(65537, type.toBytes(List.of(new byte[65535])).length);
    assertThrows(AmpArgumentException.class, () -> type.toBytes(List.of(new byte[65536])));
  }

  private static Map<String, Object> row(long a, String b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", BigInteger.valueOf(a));
    m.put("b", b);
    return m;
  }
}
