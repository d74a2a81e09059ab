package dev.spindle.amp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.internal.repr.PythonRepr;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import dev.spindle.cred.testing.Gens;
import dev.spindle.cred.testing.Theories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Python's float() and repr(float), with cases checked against CPython 3.11.2. */
class FloatTextTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1e400|7ff0000000000000",
        "-1e-400|8000000000000000",
        "1e999999999999999999999999999999|7ff0000000000000",
        "0e999999999999999999999999999999|0000000000000000",
        "2.4703282292062327e-324|0000000000000000",
        "2.4703282292062328e-324|0000000000000001",
        "1.7976931348623158e308|7fefffffffffffff",
        "1.7976931348623159e308|7ff0000000000000",
        "'  -1_0.2_5E+0_1  '|c059a00000000000",
        "+.5|3fe0000000000000",
        "5.|4014000000000000",
        "-0|8000000000000000",
        "-0.0e5|8000000000000000",
        "9007199254740993|4340000000000000",
        "0.1e1_0|41cdcd6500000000",
        "iNfInItY|7ff0000000000000",
        "-INF|fff0000000000000",
        "+nan|7ff8000000000000",
        "-nan|7ff8000000000000",
      })
  void parsesAsPython(String text, String bits) {
    assertEquals(bits, String.format("%016x", Double.doubleToLongBits(parse(text))));
  }

  @Test
  void parsesLongInputsCorrectlyRounded() {
    assertEquals(Double.POSITIVE_INFINITY, parse("1".repeat(400)));
    assertEquals(0.0, parse("0." + "0".repeat(400) + "1"));
    assertEquals(0.1, parse("0." + "0".repeat(300) + "1e300"));
    assertEquals(0.1111111111111111, parse("1".repeat(400) + "e-400"));
    assertEquals(1.5, parse("1.5" + "0".repeat(65_000)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1f", "1d", "0x1p3", "1,5", "", "   ", "1e", "1_", "_1", "1__0", "1._5", "1_.5", "1e_5",
        "1_e5", "nan(1)", "infinit", "++1", "1e+-5", "\u00001", "1\u001c", "Infinity1", "i nf",
        ".", "e", "-", "NaN1", "1.0E10f", "0x10"
      })
  void refusesWhatPythonRefuses(String text) {
    byte[] b = text.getBytes(StandardCharsets.US_ASCII);
    AmpArgumentException e = assertThrows(AmpArgumentException.class, () -> FloatText.parse(b));
    assertEquals("could not convert string to float: " + PythonRepr.bytes(b), e.getMessage());
  }

  @Test
  void refusesNonAscii() {
    byte[] b = {(byte) 0xd9, (byte) 0xa3}; // ARABIC-INDIC DIGIT THREE
    AmpArgumentException e = assertThrows(AmpArgumentException.class, () -> FloatText.parse(b));
    assertEquals("could not convert string to float: b'\\xd9\\xa3'", e.getMessage());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0.0|0.0", "-0.0|-0.0", "1.0|1.0", "0.1|0.1", "1e16|1e+16", "1e15|1000000000000000.0",
        "9999999999999998|9999999999999998.0", "1e-4|0.0001", "1e-5|1e-05", "1.5e-7|1.5e-07",
        "1e22|1e+22", "1e23|1e+23", "5e-324|5e-324",
        "1.7976931348623157e308|1.7976931348623157e+308",
        "0.002|0.002", "123456789.123|123456789.123", "-2.5e-07|-2.5e-07", "1e100|1e+100",
        "2.2250738585072014e-308|2.2250738585072014e-308", "Infinity|inf", "-Infinity|-inf",
        "NaN|nan",
      })
  void reprIsPythons(String javaLiteral, String python) {
    assertEquals(python, FloatText.repr(Double.parseDouble(javaLiteral)));
  }

  @Test
  void reprOfNaNIgnoresSignAndPayload() {
    assertEquals("nan", FloatText.repr(Double.longBitsToDouble(0xfff8000000000001L)));
  }

  /**
   * Against a plain search: the shortest length is the first p at which the decimal just below or
   * just above the exact value, at p digits, reads back as the double; repr must have that many
   * digits and be the closer of the two that do (the even one on a tie).
   */
  @Test
  void reprIsTheShortestClosestRoundTrip() {
    // Every bit pattern, less the infinities, NaNs and zeros (about 0.05 % of them).
    Theories.qt(3000)
        .forAll(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).assuming(bits -> {
          double x = Double.longBitsToDouble(bits);
          return Double.isFinite(x) && x != 0;
        }))
        .checkAssert(FloatTextTest::reprIsTheShortestClosestRoundTrip);
  }

  static void reprIsTheShortestClosestRoundTrip(long bits) {
    double x = Math.abs(Double.longBitsToDouble(bits));
    String repr = FloatText.repr(x);
    assertEquals(x, Double.parseDouble(repr), repr);
    BigDecimal exact = new BigDecimal(x);
    for (int p = 1; p <= 17; p++) {
      BigDecimal down = exact.round(new MathContext(p, RoundingMode.DOWN));
      BigDecimal up = exact.round(new MathContext(p, RoundingMode.UP));
      boolean downOk = down.doubleValue() == x;
      boolean upOk = up.doubleValue() == x;
      if (!downOk && !upOk) {
        continue;
      }
      BigDecimal expected;
      if (downOk && upOk) {
        int c = exact.subtract(down).compareTo(up.subtract(exact));
        expected = c < 0 ? down : c > 0 ? up : down.unscaledValue().testBit(0) ? up : down;
      } else {
        expected = downOk ? down : up;
      }
      assertEquals(0, expected.compareTo(new BigDecimal(repr)), "repr " + repr + " of " + x);
      return;
    }
    throw new AssertionError("no round trip for " + x);
  }

  private static double parse(String s) {
    return FloatText.parse(s.getBytes(StandardCharsets.US_ASCII));
  }
}
