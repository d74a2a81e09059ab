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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Round trips and Python's leniency, as properties over generated values of every type. */
class ArgumentTypesPropertiesTest {
  /** Python's repr layout: positional with a '.', or d[.ddd]e±XX. */
  private static final Pattern REPR =
      Pattern.compile("-?(?:[0-9]+\\.[0-9]+|[1-9](?:\\.[0-9]*[1-9])?e[+-][0-9]{2,3}|inf|nan)");

  // ---- Integer --------------------------------------------------------------------------------

  @Property
  void longRoundTrips(@ForAll long v) {
    byte[] wire = ArgumentTypes.longToBytes(v);
    assertEquals(Long.toString(v), ascii(wire));
    assertEquals(v, ArgumentTypes.bytesToLong(wire));
    assertEquals(BigInteger.valueOf(v), ArgumentTypes.BIG_INTEGER.fromBytes(wire));
  }

  @Property
  void intRoundTrips(@ForAll int v) {
    assertEquals(v, ArgumentTypes.INT.fromBytes(ArgumentTypes.INT.toBytes(v)));
  }

  @Property
  void bigIntegerRoundTrips(@ForAll("bigIntegers") BigInteger v) {
    byte[] wire = ArgumentTypes.BIG_INTEGER.toBytes(v);
    assertEquals(v.toString(), ascii(wire));
    assertEquals(v, ArgumentTypes.BIG_INTEGER.fromBytes(wire));
  }

  /** Whitespace, '+', leading zeros and '_' between digits: what Python's int() also accepts. */
  @Property
  void integerAcceptsPythonDecorations(
      @ForAll("bigIntegers") BigInteger v,
      @ForAll("spaces") String before,
      @ForAll("spaces") String after,
      @ForAll boolean plus,
      @ForAll @IntRange(max = 3) int zeros,
      @ForAll long underscores) {
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

  @Property
  void bytesRoundTrip(@ForAll byte[] v) {
    assertArrayEquals(v, ArgumentTypes.STRING.fromBytes(ArgumentTypes.STRING.toBytes(v)));
  }

  @Property
  void unicodeRoundTrips(@ForAll("unicode") String v) {
    byte[] wire = ArgumentTypes.UNICODE.toBytes(v);
    assertArrayEquals(v.getBytes(StandardCharsets.UTF_8), wire);
    assertEquals(v, ArgumentTypes.UNICODE.fromBytes(wire));
  }

  @Property
  void booleanRoundTrips(@ForAll boolean v) {
    byte[] wire = ArgumentTypes.BOOLEAN.toBytes(v);
    assertEquals(v ? "True" : "False", ascii(wire));
    assertEquals(v, ArgumentTypes.BOOLEAN.fromBytes(wire));
  }

  // ---- Float ----------------------------------------------------------------------------------

  @Property(tries = 5000)
  void floatReprRoundTripsAndIsShortest(@ForAll("anyDouble") double x) {
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
  @Property
  void floatAcceptsPythonDecorations(
      @ForAll("anyDouble") double x,
      @ForAll("spaces") String before,
      @ForAll("spaces") String after,
      @ForAll boolean upper,
      @ForAll boolean plus) {
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

  @Property(tries = 2000)
  void decimalRoundTrips(@ForAll("decimals") AmpDecimal v) {
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

  @Property
  void bigDecimalRoundTripsWithItsScale(
      @ForAll("bigIntegers") BigInteger unscaled,
      @ForAll @IntRange(min = -60, max = 60) int scale) {
    BigDecimal v = new BigDecimal(unscaled, scale);
    BigDecimal back = ArgumentTypes.BIG_DECIMAL.fromBytes(ArgumentTypes.BIG_DECIMAL.toBytes(v));
    assertEquals(v, back); // equals compares the scale as well
  }

  // ---- DateTime -------------------------------------------------------------------------------

  @Property(tries = 2000)
  void dateTimeRoundTrips(@ForAll("dateTimes") OffsetDateTime v) {
    byte[] wire = ArgumentTypes.DATE_TIME.toBytes(v);
    assertEquals(32, wire.length);
    String text = ascii(wire);
    if (v.getOffset().getTotalSeconds() == 0) {
      assertTrue(text.endsWith("-00:00"), text);
    }
    assertEquals(v, ArgumentTypes.DATE_TIME.fromBytes(wire));
  }

  /** Nanoseconds are truncated to microseconds, offsets rounded down to whole minutes. */
  @Property(tries = 2000)
  void dateTimeTruncatesAndFloors(
      @ForAll("dateTimes") OffsetDateTime minutes,
      @ForAll @IntRange(max = 999) int nanos,
      @ForAll @IntRange(max = 59) int offsetSeconds) {
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

  @Property
  void listOfListOfLongsRoundTrips(@ForAll @Size(max = 20) List<@Size(max = 20) List<Long>> v) {
    ArgumentType<List<List<Long>>> type =
        ArgumentTypes.listOf(ArgumentTypes.listOf(ArgumentTypes.LONG));
    assertEquals(v, type.fromBytes(type.toBytes(v)));
  }

  /** Cut anywhere, a ListOf value reads as the elements that are complete before the cut. */
  @Property
  void listOfDropsTruncatedTrailingElement(@ForAll List<Long> v, @ForAll int cutSeed) {
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
  @Property
  void ampListDropsTruncatedTrailingBox(@ForAll("rows") List<Row> rows, @ForAll int cutSeed) {
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

  @Provide
  Arbitrary<BigInteger> bigIntegers() {
    BigInteger max = BigInteger.TEN.pow(80);
    return Arbitraries.oneOf(
        Arbitraries.bigIntegers().between(max.negate(), max),
        Arbitraries.longs().map(BigInteger::valueOf));
  }

  @Provide
  Arbitrary<String> spaces() {
    return Arbitraries.strings().withChars(" \t\n\r\u000b\u000c").ofMaxLength(3);
  }

  @Provide
  Arbitrary<String> unicode() {
    Arbitrary<Integer> codePoint =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 0x7f),
            Arbitraries.integers().between(0x80, 0xffff),
            Arbitraries.integers().between(0x10000, 0x10ffff));
    return codePoint
        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
        .list()
        .ofMaxSize(30)
        .map(cps -> {
          StringBuilder sb = new StringBuilder();
          cps.forEach(sb::appendCodePoint);
          return sb.toString();
        });
  }

  @Provide
  Arbitrary<Double> anyDouble() {
    return Arbitraries.oneOf(
        Arbitraries.longs().map(Double::longBitsToDouble),
        Arbitraries.longs().between(1, (1L << 52) - 1).map(Double::longBitsToDouble), // subnormal
        Arbitraries.integers().between(-1074, 1023).map(e -> Math.scalb(1.0, e)),
        Arbitraries.doubles().between(-1e6, 1e6).ofScale(4),
        Arbitraries.of(
            0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, 1e16, 1e-5, 1e-4, 1e22, 1e23,
            9007199254740992.0, 0.1, 2e-3, 4.35));
  }

  @Provide
  Arbitrary<AmpDecimal> decimals() {
    Arbitrary<AmpDecimal> finite =
        Combinators.combine(bigIntegers(), Arbitraries.integers().between(-40, 40))
            .as((u, s) -> AmpDecimal.of(new BigDecimal(u, s)));
    Arbitrary<AmpDecimal> negativeZero =
        Arbitraries.integers().between(-40, 40).map(e -> AmpDecimal.parse("-0E" + e));
    Arbitrary<AmpDecimal> nan =
        Combinators.combine(
                Arbitraries.of(true, false),
                Arbitraries.of(true, false),
                Arbitraries.bigIntegers().between(BigInteger.ZERO, BigInteger.TEN.pow(40)))
            .as(AmpDecimal::nan);
    return Arbitraries.oneOf(
        finite,
        negativeZero,
        nan,
        Arbitraries.of(
            AmpDecimal.NEGATIVE_ZERO, AmpDecimal.POSITIVE_INFINITY, AmpDecimal.NEGATIVE_INFINITY,
            AmpDecimal.NaN));
  }

  @Provide
  Arbitrary<OffsetDateTime> dateTimes() {
    Arbitrary<LocalDate> dates =
        Arbitraries.longs()
            .between(LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay())
            .map(LocalDate::ofEpochDay);
    Arbitrary<LocalTime> times =
        Arbitraries.longs()
            .between(0, 86_400_000_000L - 1)
            .map(micros -> LocalTime.ofNanoOfDay(micros * 1000));
    Arbitrary<ZoneOffset> offsets =
        Arbitraries.oneOf(
                Arbitraries.integers().between(-18 * 60, 18 * 60), Arbitraries.just(0))
            .map(m -> ZoneOffset.ofTotalSeconds(m * 60));
    return Combinators.combine(dates, times, offsets)
        .as((d, t, o) -> OffsetDateTime.of(LocalDateTime.of(d, t), o));
  }

  @Provide
  Arbitrary<List<Row>> rows() {
    Arbitrary<String> b = unicode().injectNull(0.3);
    return Combinators.combine(Arbitraries.longs(), b).as(Row::new).list().ofMaxSize(6);
  }

  private static String ascii(byte[] b) {
    return new String(b, StandardCharsets.US_ASCII);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
