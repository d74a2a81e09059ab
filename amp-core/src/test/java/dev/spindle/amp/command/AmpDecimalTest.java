package dev.spindle.amp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.testing.Vectors;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmpDecimalTest {
  /** Every {@code str(Decimal)} in the golden vectors. */
  static Stream<String> vectorStrings() {
    List<String> out = new ArrayList<>();
    JsonObject boxes = Vectors.load("amp-boxes.json");
    for (String section : new String[] {"roundtrip", "decode"}) {
      for (JsonElement e : boxes.getAsJsonArray(section)) {
        collect(e, out);
      }
    }
    return out.stream();
  }

  private static void collect(JsonElement e, List<String> out) {
    if (e.isJsonObject()) {
      JsonObject o = e.getAsJsonObject();
      if (o.has("t") && o.get("t").getAsString().equals("decimal")) {
        out.add(o.get("v").getAsString());
      }
      o.entrySet().forEach(entry -> collect(entry.getValue(), out));
    } else if (e.isJsonArray()) {
      e.getAsJsonArray().forEach(item -> collect(item, out));
    }
  }

  @Test
  void vectorsHaveDecimals() {
    assertTrue(vectorStrings().count() >= 20);
  }

  @ParameterizedTest
  @MethodSource("vectorStrings")
  void strOfVectorDecimalIsItself(String python) {
    assertEquals(python, AmpDecimal.parse(python).toString());
  }

  /** Input and Python's {@code str(Decimal(input))}, checked with CPython 3.11.2. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "-0.000|-0.000",
        "0E+1|0E+1",
        "-0E-1|-0.0",
        "123.4e-10|1.234E-8",
        "12345e-2|123.45",
        "1e6|1E+6",
        "-1E+0|-1",
        "0.0000001|1E-7",
        "0.00000012|1.2E-7",
        "1.000E+3|1000",
        "123456789E-15|1.23456789E-7",
        "-1e-6|-0.000001",
        "5E-6|0.000005",
        "-sNaN0042|-sNaN42",
        "NaN0|NaN",
        "iNfInItY|Infinity",
        "-inf|-Infinity",
        "1E+2147483647|1E+2147483647",
        "1E-2147483647|1E-2147483647",
        ".5|0.5",
        "5.|5",
        "'  1_2_3  '|123",
        "_1_|1",
        "N_aN|NaN",
        "1._5|1.5",
        "1e_5|1E+5",
        "infinity_|Infinity",
        "sNaN_1|sNaN1",
        "1E0000000000000000000000005|1E+5",
      })
  void parsesAndPrintsAsPython(String input, String python) {
    assertEquals(python, AmpDecimal.parse(input).toString());
    assertEquals(python, AmpDecimal.parse(ascii(input)).toString());
  }

  @Test
  void stripsPythonWhitespaceIncludingInformationSeparators() {
    assertEquals("-1.5", AmpDecimal.parse("\u001c-1.5\u001f").toString());
    assertEquals("1", AmpDecimal.parse("\u001c_1").toString());
    assertEquals("1", AmpDecimal.parse("\t\n\u000b\u000c\r 1 ").toString());
  }

  /** Each is {@code decimal.InvalidOperation} in CPython 3.11.2. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "", " ", "_", ".", "abc", "1e", "e5", "+-1", "+", "-", "1E+", "Infinit", "infinityy",
        "sinf", "Inf1", "NaN-1", "NaN1e5", "NaN1.5", "1 0", "_ 1", "1 _", "1_ _2", "\u00001",
        "1\u0000", "0x10", "1,5", "1.2.3", "--1", "1e5.0"
      })
  void refusesWhatPythonRefuses(String input) {
    AmpArgumentException e =
        assertThrows(AmpArgumentException.class, () -> AmpDecimal.parse(input));
    assertTrue(e.getMessage().contains("decimal.InvalidOperation"), e.getMessage());
    assertTrue(e.getMessage().contains("[<class 'decimal.ConversionSyntax'>]"), e.getMessage());
  }

  @Test
  void wireValueMustBeAscii() {
    AmpArgumentException e =
        assertThrows(
            AmpArgumentException.class, () -> AmpDecimal.parse(new byte[] {'1', (byte) 0xd9}));
    assertEquals(
        "'ascii' codec can't decode byte 0xd9 in position 1: ordinal not in range(128)",
        e.getMessage());
  }

  @Test
  void refusesNonAsciiText() {
    // Python's Decimal(str) reads "\u0661" (ARABIC-INDIC DIGIT ONE) as 1; AMP values are ASCII.
    assertThrows(AmpArgumentException.class, () -> AmpDecimal.parse("\u0661"));
  }

  @Test
  void refusesExponentsBigDecimalCannotHold() {
    // Python accepts the first three (its exponents go to about 10^18; the last is beyond even
    // that); BigDecimal's scale is an int.
    for (String s : new String[] {"1E+2147483648", "1E-2147483648", "0.1E-2147483647",
        "1E99999999999999999999999999999"}) {
      AmpArgumentException e = assertThrows(AmpArgumentException.class, () -> AmpDecimal.parse(s));
      assertTrue(e.getMessage().contains("exponent"), e.getMessage());
    }
    assertEquals("1.0E+2147483647", AmpDecimal.parse("10E+2147483646").toString());
  }

  @Test
  void hugeInputsAreFast() {
    String digits = "1".repeat(65_000);
    assertEquals(digits, AmpDecimal.parse(digits).toString());
    assertEquals("1E+5", AmpDecimal.parse("1E" + "0".repeat(65_000) + "5").toString());
    String payload = "9".repeat(1000);
    assertEquals("NaN" + payload, AmpDecimal.parse("nan" + payload).toString());
  }

  @Test
  void equalityIsByRepresentation() {
    assertNotEquals(AmpDecimal.parse("1.50"), AmpDecimal.parse("1.5"));
    assertNotEquals(AmpDecimal.parse("0"), AmpDecimal.parse("-0"));
    assertNotEquals(AmpDecimal.parse("-0"), AmpDecimal.parse("-0.0"));
    assertNotEquals(AmpDecimal.parse("NaN"), AmpDecimal.parse("sNaN"));
    assertNotEquals(AmpDecimal.parse("NaN"), AmpDecimal.parse("-NaN"));
    assertNotEquals(AmpDecimal.parse("NaN1"), AmpDecimal.parse("NaN2"));
    assertNotEquals(AmpDecimal.POSITIVE_INFINITY, AmpDecimal.NEGATIVE_INFINITY);
    assertEquals(AmpDecimal.parse("NaN"), AmpDecimal.parse("nan"));
    assertEquals(AmpDecimal.parse("NaN"), AmpDecimal.parse("NaN0"));
    assertEquals(AmpDecimal.parse("1E+2"), AmpDecimal.of(new BigDecimal("1E+2")));
    assertEquals(
        AmpDecimal.parse("1E+2").hashCode(), AmpDecimal.of(new BigDecimal("1E+2")).hashCode());
    assertEquals(AmpDecimal.NEGATIVE_ZERO, AmpDecimal.parse("-0"));
    assertEquals(AmpDecimal.POSITIVE_INFINITY, AmpDecimal.parse("Infinity"));
    assertEquals(AmpDecimal.NEGATIVE_INFINITY, AmpDecimal.parse("-Infinity"));
    assertEquals(AmpDecimal.NaN, AmpDecimal.parse("NaN"));
  }

  @Test
  void kinds() {
    AmpDecimal negativeZero = AmpDecimal.NEGATIVE_ZERO;
    assertTrue(negativeZero.isFinite());
    assertTrue(negativeZero.isNegative());
    assertFalse(AmpDecimal.parse("0").isNegative());
    assertTrue(AmpDecimal.parse("-1.5").isNegative());
    assertTrue(AmpDecimal.NEGATIVE_INFINITY.isInfinite());
    assertTrue(AmpDecimal.NEGATIVE_INFINITY.isNegative());
    assertFalse(AmpDecimal.POSITIVE_INFINITY.isFinite());
    assertTrue(AmpDecimal.NaN.isNaN());
    assertFalse(AmpDecimal.NaN.isSignalling());
    AmpDecimal snan = AmpDecimal.parse("-sNaN7");
    assertTrue(snan.isNaN());
    assertTrue(snan.isSignalling());
    assertTrue(snan.isNegative());
    assertFalse(snan.isFinite());
    assertEquals(BigInteger.valueOf(7), snan.nanPayload());
    assertEquals(BigInteger.ZERO, AmpDecimal.NaN.nanPayload());
    assertThrows(IllegalStateException.class, () -> AmpDecimal.parse("1").nanPayload());
    assertEquals("-sNaN7", AmpDecimal.nan(true, true, BigInteger.valueOf(7)).toString());
    assertEquals("NaN", AmpDecimal.nan(false, false, BigInteger.ZERO).toString());
    assertThrows(
        IllegalArgumentException.class,
        () -> AmpDecimal.nan(false, false, BigInteger.ONE.negate()));
  }

  @Test
  void toBigDecimal() {
    assertEquals(new BigDecimal("1.50"), AmpDecimal.parse("1.50").toBigDecimal());
    assertEquals(new BigDecimal("0.000"), AmpDecimal.parse("-0.000").toBigDecimal());
    assertEquals(new BigDecimal("-1.5E-7"), AmpDecimal.parse("-1.5E-7").toBigDecimal());
    for (AmpDecimal special : new AmpDecimal[] {AmpDecimal.NaN, AmpDecimal.POSITIVE_INFINITY,
        AmpDecimal.NEGATIVE_INFINITY, AmpDecimal.parse("-sNaN")}) {
      AmpArgumentException e = assertThrows(AmpArgumentException.class, special::toBigDecimal);
      assertTrue(e.getMessage().startsWith("Decimal: " + special), e.getMessage());
    }
  }

  @Test
  void bigDecimalTypeReadsNegativeZeroAsZeroAndRefusesSpecials() {
    assertEquals(new BigDecimal("0.0"), ArgumentTypes.BIG_DECIMAL.fromBytes(ascii("-0.0")));
    assertThrows(
        AmpArgumentException.class, () -> ArgumentTypes.BIG_DECIMAL.fromBytes(ascii("NaN")));
    assertEquals(
        "1E+2",
        new String(
            ArgumentTypes.BIG_DECIMAL.toBytes(new BigDecimal("1E+2")), StandardCharsets.US_ASCII));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
