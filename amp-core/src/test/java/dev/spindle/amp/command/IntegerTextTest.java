package dev.spindle.amp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.internal.repr.PythonRepr;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Python's int(bytes), with cases checked against CPython 3.11.2. */
class IntegerTextTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "42|42", "-7|-7", "+5|5", "' 12 '|12", "1_000|1000", "007|7", "-0|0", "'\t\n 1 \r'|1",
        "' +1_0 '|10", "-000_000_1|-1", "9223372036854775808|9223372036854775808",
        "-9223372036854775809|-9223372036854775809",
        "1_000_000_000_000_000_000_000|1000000000000000000000",
      })
  void parsesAsPython(String text, String value) {
    assertEquals(new BigInteger(value), IntegerText.parse(ascii(text)));
  }

  @Test
  void verticalTabAndFormFeedAreWhitespace() {
    assertEquals(BigInteger.ONE, IntegerText.parse(new byte[] {0x0b, '1', 0x0c}));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0x10", "", "1.0", " ", "+", "-", "1__0", "_1", "1_", "+_1", "- 1", "+-1", "1 0", "1e3",
        "\u001c1", "\u00001", "1\u0000", "١", "0b1", "Infinity"
      })
  void refusesWhatPythonRefuses(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    AmpArgumentException e = assertThrows(AmpArgumentException.class, () -> IntegerText.parse(b));
    assertEquals("invalid literal for int() with base 10: " + PythonRepr.bytes(b), e.getMessage());
  }

  @Test
  void messageShowsAtMost200BytesLikeCPython() {
    // CPython: "%.200R" of the first 200 bytes, so the closing quote is cut off.
    byte[] b = ascii("x".repeat(300));
    AmpArgumentException e = assertThrows(AmpArgumentException.class, () -> IntegerText.parse(b));
    assertEquals("invalid literal for int() with base 10: b'" + "x".repeat(198), e.getMessage());
  }

  @Test
  void largestValueParses() {
    String digits = "9".repeat(65_535);
    assertEquals(new BigInteger(digits), IntegerText.parse(ascii(digits)));
  }

  @Test
  void longAndIntRanges() {
    assertEquals(Long.MAX_VALUE, ArgumentTypes.bytesToLong(ascii("9223372036854775807")));
    assertEquals(Long.MIN_VALUE, ArgumentTypes.bytesToLong(ascii("-9223372036854775808")));
    assertEquals(5, ArgumentTypes.bytesToLong(ascii(" +5 ")));
    assertEquals(1000, ArgumentTypes.bytesToInt(ascii("1_000")));
    AmpArgumentException e =
        assertThrows(
            AmpArgumentException.class,
            () -> ArgumentTypes.bytesToLong(ascii("9223372036854775808")));
    assertTrue(e.getMessage().contains("long range"), e.getMessage());
    assertThrows(AmpArgumentException.class, () -> ArgumentTypes.bytesToInt(ascii("2147483648")));
    assertThrows(AmpArgumentException.class, () -> ArgumentTypes.bytesToLong(ascii("0x10")));
  }

  @Test
  void simpleLongFastPath() {
    assertEquals(-123, IntegerText.parseSimpleLong(ascii("-123")));
    assertEquals(IntegerText.NOT_SIMPLE, IntegerText.parseSimpleLong(ascii("+1")));
    assertEquals(IntegerText.NOT_SIMPLE, IntegerText.parseSimpleLong(ascii("-")));
    assertEquals(IntegerText.NOT_SIMPLE, IntegerText.parseSimpleLong(ascii("")));
    assertEquals(
        IntegerText.NOT_SIMPLE, IntegerText.parseSimpleLong(ascii("1234567890123456789")));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
