package dev.spindle.amp.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import dev.spindle.cred.testing.Gens;
import dev.spindle.cred.testing.Theories;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Round trips and Python's leniency, as properties over generated values of every type. */
class ArgumentTypesPropertiesTest {
  /** Python's repr layout: positional with a '.', or d[.ddd]e±XX. */
  private static final Pattern REPR =
      Pattern.compile("-?(?:[0-9]+\\.[0-9]+|[1-9](?:\\.[0-9]*[1-9])?e[+-][0-9]{2,3}|inf|nan)");

  // ---- Integer --------------------------------------------------------------------------------

  @Test
  void longRoundTrips() {
    Theories.qt(1150).forAll(Gens.longs()).checkAssert(ArgumentTypesPropertiesTest::longRoundTrips);
  }

  static void longRoundTrips(long v) {
    byte[] wire = ArgumentTypes.longToBytes(v);
    assertEquals(Long.toString(v), ascii(wire));
    assertEquals(v, ArgumentTypes.bytesToLong(wire));
    assertEquals(BigInteger.valueOf(v), ArgumentTypes.BIG_INTEGER.fromBytes(wire));
  }

  @Test
  void intRoundTrips() {
    Theories.qt(1250).forAll(Gens.ints()).checkAssert(ArgumentTypesPropertiesTest::intRoundTrips);
  }

  static void intRoundTrips(int v) {
    assertEquals(v, ArgumentTypes.INT.fromBytes(ArgumentTypes.INT.toBytes(v)));
  }

  @Test
  void bigIntegerRoundTrips() {
    Theories.qt(1100).forAll(bigIntegers()).checkAssert(ArgumentTypesPropertiesTest::bigIntegerRoundTrips);
  }

  static void bigIntegerRoundTrips(BigInteger v) {
    byte[] wire = ArgumentTypes.BIG_INTEGER.toBytes(v);
    assertEquals(v.toString(), ascii(wire));
    assertEquals(v, ArgumentTypes.BIG_INTEGER.fromBytes(wire));
  }

  /** Whitespace, '+', leading zeros and '_' between digits: what Python's int() also accepts. */
  /** How a number is written: surrounding whitespace, a '+', leading zeros, where '_' goes. */
  record Decorations(String before, String after, boolean plus, int zeros, long underscores) {}

  static Gen<Decorations> decorations() {
    return spaces().zip(spaces(), Gens.booleans(), Gens.ints(0, 3), Gens.longs(), Decorations::new);
  }

  @Test
  void integerAcceptsPythonDecorations() {
    Theories.qt(1050)
        .forAll(bigIntegers(), decorations())
        .checkAssert(ArgumentTypesPropertiesTest::integerAcceptsPythonDecorations);
  }

  static void integerAcceptsPythonDecorations(BigInteger v, Decorations d) {
    String before = d.before();
    String after = d.after();
    boolean plus = d.plus();
    int zeros = d.zeros();
    long underscores = d.underscores();
    String digits = "0".repeat(zeros) + v.abs();
    StringBuilder sb = new StringBuilder(before);
    sb.append(v.signum() < 0 ? "-" : plus ? "+" : "");
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (underscores >>> (i % 64) & 1) != 0) {
        sb.append('_');
      }
      sb.append(digits.charAt(i));
    }
    sb.append(after);
    assertEquals(v, ArgumentTypes.BIG_INTEGER.fromBytes(bytes(sb.toString())));
  }

  // ---- String, Unicode, Boolean ---------------------------------------------------------------

  @Test
  void bytesRoundTrip() {
    Theories.qt(1250).forAll(Gens.bytes(0, 255)).checkAssert(ArgumentTypesPropertiesTest::bytesRoundTrip);
  }

  static void bytesRoundTrip(byte[] v) {
    assertArrayEquals(v, ArgumentTypes.STRING.fromBytes(ArgumentTypes.STRING.toBytes(v)));
  }

  @Test
  void unicodeRoundTrips() {
    Theories.qt(1100).forAll(unicode()).checkAssert(ArgumentTypesPropertiesTest::unicodeRoundTrips);
  }

  static void unicodeRoundTrips(String v) {
    byte[] wire = ArgumentTypes.UNICODE.toBytes(v);
    assertArrayEquals(v.getBytes(StandardCharsets.UTF_8), wire);
    assertEquals(v, ArgumentTypes.UNICODE.fromBytes(wire));
  }

  @Test
  void booleanRoundTrips() {
    Theories.qt(1000).forAll(Gens.booleans()).checkAssert(ArgumentTypesPropertiesTest::booleanRoundTrips);
  }

  static void booleanRoundTrips(boolean v) {
    byte[] wire = ArgumentTypes.BOOLEAN.toBytes(v);
    assertEquals(v ? "True" : "False", ascii(wire));
    assertEquals(v, ArgumentTypes.BOOLEAN.fromBytes(wire));
  }

  // ---- Float ----------------------------------------------------------------------------------

  @Test
  void floatReprRoundTripsAndIsShortest() {
    Theories.qt(7000)
        .forAll(anyDouble())
        .checkAssert(ArgumentTypesPropertiesTest::floatReprRoundTripsAndIsShortest);
  }

  static void floatReprRoundTripsAndIsShortest(double x) {
    String repr = ascii(ArgumentTypes.doubleToBytes(x));
    assertTrue(REPR.matcher(repr).matches(), repr);
    double back = ArgumentTypes.bytesToDouble(bytes(repr));
    assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits(back), repr);
    if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
      return;
    }
    BigDecimal digits = new BigDecimal(repr).stripTrailingZeros();
    int n = digits.precision();
    assertTrue(n <= 17, repr);
    if (n > 1) {
      // No decimal with one digit fewer reads back as x: the two nearest ones do not.
      BigDecimal exact = new BigDecimal(x);
      for (RoundingMode mode : new RoundingMode[] {RoundingMode.FLOOR, RoundingMode.CEILING}) {
        BigDecimal shorter = exact.round(new MathContext(n - 1, mode));
        assertNotEquals(x, Double.parseDouble(shorter.toString()), repr + " vs " + shorter);
      }
    }
    if (Runtime.version().feature() >= 19) {
      // JDK 19+ Double.toString gives the shortest decimal too (but at least two digits).
      BigDecimal jdk = new BigDecimal(Double.toString(x)).stripTrailingZeros();
      if (n > 1 || jdk.precision() > 2) {
        assertEquals(0, jdk.compareTo(digits), repr + " vs " + Double.toString(x));
      }
    }
  }

  /** Whitespace, '+', case and '_' between digits: what Python's float() also accepts. */
  @Test
  void floatAcceptsPythonDecorations() {
    Theories.qt(1030)
        .forAll(anyDouble(), decorations(), Gens.booleans())
        .checkAssert(ArgumentTypesPropertiesTest::floatAcceptsPythonDecorations);
  }

  static void floatAcceptsPythonDecorations(double x, Decorations d, boolean upper) {
    String before = d.before();
    String after = d.after();
    boolean plus = d.plus();
    String repr = FloatText.repr(x);
    String text = repr;
    if (upper) {
      text = text.toUpperCase(java.util.Locale.ROOT);
    }
    if (plus && !text.startsWith("-")) {
      text = "+" + text;
    }
    text = text.replaceFirst("^([+-]?)([0-9])([0-9])", "$1$2_$3"); // 12.5 -> 1_2.5
    double back = ArgumentTypes.bytesToDouble(bytes(before + text + after));
    assertEquals(Double.doubleToLongBits(x), Double.doubleToLongBits(back), text);
  }

  // ---- Decimal --------------------------------------------------------------------------------

  @Test
  void decimalRoundTrips() {
    Theories.qt(4000).forAll(decimals()).checkAssert(ArgumentTypesPropertiesTest::decimalRoundTrips);
  }

  static void decimalRoundTrips(AmpDecimal v) {
    byte[] wire = ArgumentTypes.DECIMAL.toBytes(v);
    AmpDecimal back = ArgumentTypes.DECIMAL.fromBytes(wire);
    assertEquals(v, back);
    assertEquals(v.hashCode(), back.hashCode());
    assertEquals(v.toString(), ascii(wire));
    if (v.isFinite() && !(v.isNegative() && v.toBigDecimal().signum() == 0)) {
      // BigDecimal.toString() is the same to-scientific-string algorithm for these.
      assertEquals(v.toBigDecimal().toString(), v.toString());
    }
  }

  @Test
  void bigDecimalRoundTripsWithItsScale() {
    Theories.qt(1050)
        .forAll(bigIntegers(), Gens.ints(-60, 60))
        .checkAssert(ArgumentTypesPropertiesTest::bigDecimalRoundTripsWithItsScale);
  }

  static void bigDecimalRoundTripsWithItsScale(BigInteger unscaled, int scale) {
    BigDecimal v = new BigDecimal(unscaled, scale);
    BigDecimal back = ArgumentTypes.BIG_DECIMAL.fromBytes(ArgumentTypes.BIG_DECIMAL.toBytes(v));
    assertEquals(v, back); // equals compares the scale as well
  }

  // ---- DateTime -------------------------------------------------------------------------------

  @Test
  void dateTimeRoundTrips() {
    Theories.qt(2000).forAll(dateTimes()).checkAssert(ArgumentTypesPropertiesTest::dateTimeRoundTrips);
  }

  static void dateTimeRoundTrips(OffsetDateTime v) {
    byte[] wire = ArgumentTypes.DATE_TIME.toBytes(v);
    assertEquals(32, wire.length);
    String text = ascii(wire);
    if (v.getOffset().getTotalSeconds() == 0) {
      assertTrue(text.endsWith("-00:00"), text);
    }
    assertEquals(v, ArgumentTypes.DATE_TIME.fromBytes(wire));
  }

  /** Nanoseconds are truncated to microseconds, offsets rounded down to whole minutes. */
  @Test
  void dateTimeTruncatesAndFloors() {
    Theories.qt(2000)
        .forAll(dateTimes(), Gens.ints(0, 999), Gens.ints(0, 59))
        .checkAssert(ArgumentTypesPropertiesTest::dateTimeTruncatesAndFloors);
  }

  static void dateTimeTruncatesAndFloors(OffsetDateTime minutes, int nanos, int offsetSeconds) {
    int offset = minutes.getOffset().getTotalSeconds() - offsetSeconds;
    if (Math.abs(offset) > 18 * 3600) {
      return;
    }
    OffsetDateTime v =
        OffsetDateTime.of(
            minutes.toLocalDateTime().plusNanos(nanos), ZoneOffset.ofTotalSeconds(offset));
    OffsetDateTime expected =
        OffsetDateTime.of(
            v.toLocalDateTime().truncatedTo(ChronoUnit.MICROS),
            ZoneOffset.ofTotalSeconds(Math.floorDiv(offset, 60) * 60));
    assertEquals(expected, ArgumentTypes.DATE_TIME.fromBytes(ArgumentTypes.DATE_TIME.toBytes(v)));
  }

  // ---- ListOf, AmpList ------------------------------------------------------------------------

  @Test
  void listOfListOfLongsRoundTrips() {
    Theories.qt(1150)
        .forAll(Gens.lists(Gens.lists(Gens.longs(), 0, 20), 0, 20))
        .checkAssert(ArgumentTypesPropertiesTest::listOfListOfLongsRoundTrips);
  }

  static void listOfListOfLongsRoundTrips(List<List<Long>> v) {
    ArgumentType<List<List<Long>>> type =
        ArgumentTypes.listOf(ArgumentTypes.listOf(ArgumentTypes.LONG));
    assertEquals(v, type.fromBytes(type.toBytes(v)));
  }

  /** Cut anywhere, a ListOf value reads as the elements that are complete before the cut. */
  @Test
  void listOfDropsTruncatedTrailingElement() {
    Theories.qt(1030)
        .forAll(Gens.lists(Gens.longs(), 0, 255), Gens.ints())
        .checkAssert(ArgumentTypesPropertiesTest::listOfDropsTruncatedTrailingElement);
  }

  static void listOfDropsTruncatedTrailingElement(List<Long> v, int cutSeed) {
    ArgumentType<List<Long>> type = ArgumentTypes.listOf(ArgumentTypes.LONG);
    byte[] wire = type.toBytes(v);
    int cut = Math.floorMod(cutSeed, wire.length + 1);
    int complete = 0;
    for (int end = 0, i = 0; i < v.size(); i++) {
      end += 2 + Long.toString(v.get(i)).length();
      if (end <= cut) {
        complete = i + 1;
      }
    }
    assertEquals(v.subList(0, complete), type.fromBytes(Arrays.copyOf(wire, cut)));
  }

  /** Cut anywhere, an AmpList value reads as the rows whose boxes are complete before the cut. */
  @Test
  void ampListDropsTruncatedTrailingBox() {
    Theories.qt(1050)
        .forAll(rows(), Gens.ints())
        .checkAssert(ArgumentTypesPropertiesTest::ampListDropsTruncatedTrailingBox);
  }

  static void ampListDropsTruncatedTrailingBox(List<Row> rows, int cutSeed) {
    ArgumentType<List<Row>> type = ArgumentTypes.ampList(Row.CODEC);
    byte[] wire = type.toBytes(rows);
    assertEquals(rows, type.fromBytes(wire));
    int cut = Math.floorMod(cutSeed, wire.length + 1);
    int complete = 0;
    for (int end = 0, i = 0; i < rows.size(); i++) {
      AmpBox box = new AmpBox();
      Row.CODEC.write(rows.get(i), box);
      end += box.toByteArray().length;
      if (end <= cut) {
        complete = i + 1;
      }
    }
    assertEquals(rows.subList(0, complete), type.fromBytes(Arrays.copyOf(wire, cut)));
  }

  /** An AmpList row: {@code a: Integer}, {@code b: Unicode (optional)}. */
  static final class Row {
    static final BoxCodec<Row> CODEC =
        new BoxCodec<>() {
          @Override
          public void write(Row value, AmpBox box) {
            box.put("a", ArgumentTypes.longToBytes(value.a));
            if (value.b != null) {
              box.put("b", ArgumentTypes.stringToBytes(value.b));
            }
          }

          @Override
          public Row read(AmpBox box) {
            byte[] b = box.get("b");
            return new Row(
                ArgumentTypes.bytesToLong(box.get("a")),
                b == null ? null : ArgumentTypes.bytesToString(b));
          }
        };

    final long a;
    final String b;

    Row(long a, String b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Row && ((Row) o).a == a && java.util.Objects.equals(((Row) o).b, b);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(a) * 31 + java.util.Objects.hashCode(b);
    }

    @Override
    public String toString() {
      return "Row(" + a + ", " + b + ")";
    }
  }

  // ---- Generators -----------------------------------------------------------------------------

  /** |v| up to about 10^80, and every long. */
  static Gen<BigInteger> bigIntegers() {
    return Gens.oneOf(Gens.bigIntegers(266), Gens.longs().map(BigInteger::valueOf));
  }

  /** What Python's int() and float() strip around a number. */
  static Gen<String> spaces() {
    return Gens.strings(" \t\n\r\u000b\u000c", 3);
  }

  static Gen<String> unicode() {
    return Gens.codePointStrings(30);
  }

  static Gen<Double> anyDouble() {
    return Gens.oneOf(
        Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).map(Double::longBitsToDouble),
        Gens.longs(1, (1L << 52) - 1).map(Double::longBitsToDouble), // subnormal
        Gens.ints(-1074, 1023).map(e -> Math.scalb(1.0, e)),
        Gens.longs(-10_000_000_000L, 10_000_000_000L).map(v -> v / 10_000.0), // 4 decimals, |x| <= 1e6
        Gens.doubles(),
        Gens.constants(
            0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1e16, 1e-5, 1e-4, 1e22, 1e23,
            9007199254740992.0, 0.1, 2e-3, 4.35));
  }

  static Gen<AmpDecimal> decimals() {
    Gen<AmpDecimal> finite =
        bigIntegers().zip(Gens.ints(-40, 40), (u, s) -> AmpDecimal.of(new BigDecimal(u, s)));
    Gen<AmpDecimal> negativeZero = Gens.ints(-40, 40).map(e -> AmpDecimal.parse("-0E" + e));
    Gen<AmpDecimal> nan =
        Gens.booleans().zip(Gens.booleans(), Gens.bigIntegers(133).map(BigInteger::abs),
            (signalling, negative, payload) -> AmpDecimal.nan(signalling, negative,
                payload.min(BigInteger.TEN.pow(40))));
    return Gens.oneOf(
        finite,
        negativeZero,
        nan,
        Gens.constants(
            AmpDecimal.NEGATIVE_ZERO, AmpDecimal.POSITIVE_INFINITY, AmpDecimal.NEGATIVE_INFINITY,
            AmpDecimal.NaN));
  }

  static Gen<OffsetDateTime> dateTimes() {
    Gen<LocalDate> dates =
        Gens.longs(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
            .map(LocalDate::ofEpochDay);
    Gen<LocalTime> times =
        Gens.longs(0, 86_400_000_000L - 1).map(micros -> LocalTime.ofNanoOfDay(micros * 1000));
    Gen<ZoneOffset> offsets =
        Gens.oneOf(Gens.ints(-18 * 60, 18 * 60), Gens.just(0))
            .map(m -> ZoneOffset.ofTotalSeconds(m * 60));
    return dates.zip(times, offsets, (d, t, o) -> OffsetDateTime.of(LocalDateTime.of(d, t), o));
  }

  static Gen<List<Row>> rows() {
    Gen<String> b = Gens.orNull(unicode(), 30);
    return Gens.lists(Gens.longs().zip(b, Row::new), 0, 6);
  }

  private static String ascii(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
