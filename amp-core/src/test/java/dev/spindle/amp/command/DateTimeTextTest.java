package dev.spindle.amp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.exceptions.AmpArgumentException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twisted's amp.DateTime, with cases checked against Twisted 22.4 on CPython 3.11.2. */
class DateTimeTextTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0001-01-01T00:00Z|0001-01-01T00:00:00.000000-00:00",
        "2022-04-01T12:30:45.123456-00:00:30|2022-04-01T12:30:45.123456-00:01",
        "2022-04-01T12:30:45.123456+00:00:30|2022-04-01T12:30:45.123456-00:00",
        "2022-04-01T12:30:45.123456-00:01:30|2022-04-01T12:30:45.123456-00:02",
        "2022-04-01T00:00+00:00:59|2022-04-01T00:00:00.000000-00:00",
        "2022-04-01T00:00+18:00|2022-04-01T00:00:00.000000+18:00",
        "2022-04-01T00:00-18:00|2022-04-01T00:00:00.000000-18:00",
        "0999-12-31T23:59:59.999999999-05:45|0999-12-31T23:59:59.999999-05:45",
        "9999-12-31T23:59:59.999999+14:00|9999-12-31T23:59:59.999999+14:00",
      })
  void formatsAsTwisted(String java, String twisted) {
    byte[] wire = DateTimeText.format(OffsetDateTime.parse(java));
    assertEquals(twisted, new String(wire, StandardCharsets.US_ASCII));
  }

  @Test
  void refusesYearsPythonCannotHold() {
    for (int year : new int[] {0, -1, 10000}) {
      OffsetDateTime t = OffsetDateTime.of(year, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
      AmpArgumentException e =
          assertThrows(AmpArgumentException.class, () -> DateTimeText.format(t));
      assertEquals(
          "DateTime: year " + year + " (expected: 1 to 9999, Python's datetime range)",
          e.getMessage());
    }
  }

  /** Twisted's fixed positions with Python's int() on each field; separators are not checked. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-02-29T00:00:00.000000+00:00|2024-02-29T00:00Z",
        "2000-02-29T00:00:00.000000+00:00|2000-02-29T00:00Z",
        "2022-04-01T00:00:00.000000+0 :00|2022-04-01T00:00Z",
        "2022-04-01T00:00:00.000000+ 1:+1|2022-04-01T00:00+01:01",
        "2022-04-01T00:00:00.000000+17:60|2022-04-01T00:00+18:00",
        "+202-04-01T00:00:00.000000+00:00|0202-04-01T00:00Z",
        "2022-04-01T00:00:00.1_2_34+00:00|2022-04-01T00:00:00.001234Z",
        "2022-04-01T00:00:00.000000-00:-1|2022-04-01T00:00+00:01",
        "2022x04x01 12x30x45x123456+05x30|2022-04-01T12:30:45.123456+05:30",
        "2022-04-01T12:30:45.123456+-5:30|2022-04-01T12:30:45.123456-04:30",
        "2022-04-01T12:30:45.123456+05:-5|2022-04-01T12:30:45.123456+04:55",
        "2022- 4-+1T12:30:45.123456+05:30|2022-04-01T12:30:45.123456+05:30",
        "2022-04-01T12:30:45.123456-00:00|2022-04-01T12:30:45.123456Z",
      })
  void parsesAsTwisted(String wire, String java) {
    assertEquals(OffsetDateTime.parse(java), parse(wire));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2022-02-29T00:00:00.000000+00:00|day is out of range for month",
        "1900-02-29T00:00:00.000000+00:00|day is out of range for month",
        "0000-01-01T00:00:00.000000+00:00|year 0 is out of range",
        "-001-01-01T00:00:00.000000+00:00|year -1 is out of range",
        "2022-04-31T00:00:00.000000+00:00|day is out of range for month",
        "2022-04-00T00:00:00.000000+00:00|day is out of range for month",
        "2022-13-01T00:00:00.000000+00:00|month must be in 1..12",
        "2022-04-01T24:00:00.000000+00:00|hour must be in 0..23",
        "2022-04-01T00:60:00.000000+00:00|minute must be in 0..59",
        "2022-04-01T00:00:60.000000+00:00|second must be in 0..59",
        "2022-04-01T00:00:00.-00001+00:00|microsecond must be in 0..999999",
        "2022-04-01T00:00:00.000000 00:00|Invalid sign for timezone ' '",
        "2022-04-01T00:00:00.000000'00:00|Invalid sign for timezone \"'\"",
        "20a2-04-01T00:00:00.000000+00:00|invalid literal for int() with base 10: '20a2'",
        "2022-13-01T00:00:00.000000+ab:cd|invalid literal for int() with base 10: 'ab'",
        "2022-04-01T00:00:00.00000+00:00|invalid date format '2022-04-01T00:00:00.00000+00:00'",
        "2022-04-01T00:00:00.000000Z|invalid date format '2022-04-01T00:00:00.000000Z'",
        "2022-04-01T00:00:00.000000+24:00|offset must be a timedelta strictly between"
            + " -timedelta(hours=24) and timedelta(hours=24).",
        "2022-04-01T00:00:00.000000-23:60|offset must be a timedelta strictly between"
            + " -timedelta(hours=24) and timedelta(hours=24).",
      })
  void refusesAsPython(String wire, String python) {
    AmpArgumentException e = assertThrows(AmpArgumentException.class, () -> parse(wire));
    assertEquals(python, e.getMessage());
  }

  @Test
  void refusesOffsetsZoneOffsetCannotHold() {
    // Python accepts up to ±23:59; java.time.ZoneOffset stops at ±18:00.
    for (String offset : new String[] {"+18:01", "-23:59", "+19:00"}) {
      AmpArgumentException e =
          assertThrows(
              AmpArgumentException.class,
              () -> parse("2022-04-01T00:00:00.000000" + offset));
      assertEquals(
          "DateTime: offset '"
              + offset
              + "' (expected: at most 18:00 either way, the java.time.ZoneOffset range;"
              + " declare the argument AmpDateTime for offsets up to 23:59)",
          e.getMessage());
      // AmpDateTime holds every offset Python accepts, and writes the same text back
      byte[] text = ("2022-04-01T00:00:00.000000" + offset).getBytes(StandardCharsets.US_ASCII);
      AmpDateTime any = ArgumentTypes.AMP_DATE_TIME.fromBytes(text);
      assertEquals(new String(text, StandardCharsets.US_ASCII), new String(ArgumentTypes.AMP_DATE_TIME.toBytes(any),
          StandardCharsets.US_ASCII));
      assertEquals(any, AmpDateTime.parse(any.toString()));
    }
    AmpDateTime far = AmpDateTime.parse("2024-02-29T23:59:59.000000+23:59");
    assertEquals(1439, far.offsetMinutes());
    assertEquals(java.time.Instant.parse("2024-02-29T00:00:59Z"), far.toInstant());
    assertThrows(java.time.DateTimeException.class, far::toOffsetDateTime);
    assertThrows(IllegalArgumentException.class, () -> AmpDateTime.of(far.localDateTime(), 1440));
  }

  @Test
  void integersKeepToPythonsDigitLimitBothWays() {
    String max = "9".repeat(4300);
    assertEquals(new java.math.BigInteger(max), ArgumentTypes.BIG_INTEGER.fromBytes(
        ("-" + max).substring(1).getBytes(StandardCharsets.US_ASCII)));
    assertEquals("-" + max, new String(ArgumentTypes.BIG_INTEGER.toBytes(new java.math.BigInteger("-" + max)),
        StandardCharsets.US_ASCII));
    java.math.BigInteger over = java.math.BigInteger.TEN.pow(4300);
    AmpArgumentException sent = assertThrows(AmpArgumentException.class, () -> ArgumentTypes.BIG_INTEGER.toBytes(over));
    assertTrue(sent.getMessage().contains("a value of 4301 digits"), sent.getMessage());
    AmpArgumentException received = assertThrows(AmpArgumentException.class,
        () -> ArgumentTypes.BIG_INTEGER.fromBytes(("1_" + max).getBytes(StandardCharsets.US_ASCII)));
    assertEquals("Exceeds the limit (4300 digits) for integer string conversion: value has 4301 digits;"
        + " use sys.set_int_max_str_digits() to increase the limit", received.getMessage());
    assertEquals(over, ArgumentTypes.bigInteger(0).fromBytes(ArgumentTypes.bigInteger(0).toBytes(over)));
  }

  @Test
  void refusesNonAscii() {
    byte[] b = "2022-04-01T00:00:00.000000+00:00".getBytes(StandardCharsets.US_ASCII);
    b[3] = (byte) 0xe9;
    AmpArgumentException e =
        assertThrows(AmpArgumentException.class, () -> DateTimeText.parse(b));
    assertEquals(
        "'ascii' codec can't decode byte 0xe9 in position 3: ordinal not in range(128)",
        e.getMessage());
  }

  @Test
  void zeroOffsetsAreUtc() {
    assertEquals(ZoneOffset.UTC, parse("2022-04-01T00:00:00.000000+00:00").getOffset());
    assertEquals(ZoneOffset.UTC, parse("2022-04-01T00:00:00.000000-00:00").getOffset());
  }

  private static OffsetDateTime parse(String s) {
    return DateTimeText.parse(s.getBytes(StandardCharsets.US_ASCII));
  }

  /** Twisted's test_amp DateTimeTests and ListOfDateTimeTests strings, read as AmpDateTime and written back. */
  @Test
  void twistedsOwnDateTimeStringsRoundTrip() {
    for (String text : new String[] {"9876-01-23T12:34:56.054321-01:23", "2010-12-25T00:00:00.000000-00:00",
        "2010-12-25T00:00:00.000000+01:00", "2010-12-25T00:00:00.000000+03:30",
        "2010-12-25T00:00:00.000000-05:00", "2010-12-25T00:00:00.000000+03:19",
        "2010-12-25T00:00:00.000000-06:59"}) {
      byte[] b = text.getBytes(StandardCharsets.US_ASCII);
      assertEquals(text, new String(ArgumentTypes.AMP_DATE_TIME.toBytes(ArgumentTypes.AMP_DATE_TIME.fromBytes(b)),
          StandardCharsets.US_ASCII));
      assertEquals(text, new String(ArgumentTypes.DATE_TIME.toBytes(ArgumentTypes.DATE_TIME.fromBytes(b)),
          StandardCharsets.US_ASCII));
    }
    AmpDateTime t = AmpDateTime.parse("9876-01-23T12:34:56.054321-01:23");
    assertEquals(java.time.LocalDateTime.of(9876, 1, 23, 12, 34, 56, 54_321_000), t.localDateTime());
    assertEquals(-83, t.offsetMinutes());
    // test_invalidString: ValueError for "abc"
    assertThrows(AmpArgumentException.class, () -> AmpDateTime.parse("abc"));
  }
}
