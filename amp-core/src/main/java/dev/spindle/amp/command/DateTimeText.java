package dev.spindle.amp.command;

import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.internal.repr.PythonRepr;
import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * AMP {@code DateTime} text: {@code YYYY-MM-DDTHH:MM:SS.ffffff±HH:MM}, always 32 ASCII bytes, as
 * Twisted's {@code amp.DateTime}.
 *
 * <p>Sending truncates to microseconds, rounds the offset down to whole minutes (floor: -30 s is
 * {@code -00:01}) and writes {@code +} only for a strictly positive offset, so UTC is {@code
 * -00:00}.
 *
 * <p>Receiving reads Python integers from fixed positions and does not look at the separators, as
 * Twisted does; {@code int()}'s leniency applies to each field ({@code " 1"}, {@code "+1"}, {@code
 * "1_0"}). The fields are then checked as Python's {@code datetime} checks them, with its messages.
 * An offset of 24 hours or more is refused at once (Twisted builds the datetime and fails later,
 * when the offset is first used). As an {@link OffsetDateTime}, an offset beyond ±18:00 is refused,
 * because {@link ZoneOffset} cannot hold it; {@link AmpDateTime} holds every offset up to ±23:59.
 */
final class DateTimeText {
  static final int LENGTH = 32;

  // Twisted's DateTime._positions: year, month, day, hour, minute, second, microsecond, and the
  // offset's hours and minutes. The sign is at 26.
  private static final int[] FROM = {0, 5, 8, 11, 14, 17, 20, 27, 30};
  private static final int[] TO = {4, 7, 10, 13, 16, 19, 26, 29, 32};
  private static final int SIGN = 26;

  private DateTimeText() {}

  /**
   * Returns the 32 ASCII bytes Twisted writes for {@code value}.
   *
   * @throws AmpArgumentException if the year is outside 1 to 9999 (Python's datetime range)
   */
  static byte[] format(OffsetDateTime value) {
    int year = value.getYear();
    if (year < 1 || year > 9999) {
      throw new AmpArgumentException(
          "DateTime: year " + year + " (expected: 1 to 9999, Python's datetime range)");
    }
    return format(value.toLocalDateTime(), Math.floorDiv(value.getOffset().getTotalSeconds(), 60));
  }

  /** Returns the 32 ASCII bytes Twisted writes for {@code value}. */
  static byte[] format(AmpDateTime value) {
    return format(value.localDateTime(), value.offsetMinutes());
  }

  private static byte[] format(java.time.LocalDateTime value, int offsetMinutes) {
    int year = value.getYear();
    int absOffset = Math.abs(offsetMinutes);
    byte[] out = new byte[LENGTH];
    put(out, 0, year, 4);
    out[4] = '-';
    put(out, 5, value.getMonthValue(), 2);
    out[7] = '-';
    put(out, 8, value.getDayOfMonth(), 2);
    out[10] = 'T';
    put(out, 11, value.getHour(), 2);
    out[13] = ':';
    put(out, 14, value.getMinute(), 2);
    out[16] = ':';
    put(out, 17, value.getSecond(), 2);
    out[19] = '.';
    put(out, 20, value.getNano() / 1000, 6);
    out[26] = (byte) (offsetMinutes > 0 ? '+' : '-');
    put(out, 27, absOffset / 60, 2);
    out[29] = ':';
    put(out, 30, absOffset % 60, 2);
    return out;
  }

  private static void put(byte[] out, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      out[i] = (byte) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Parses Twisted's DateTime text into an {@link OffsetDateTime} with the text's fixed offset
   * ({@code -00:00} and {@code +00:00} are both {@link ZoneOffset#UTC}).
   *
   * @throws AmpArgumentException with Python's message where Python fails, e.g. {@code invalid date
   *     format '2022-04-01T12:30:45Z'} or {@code month must be in 1..12}
   */
  static OffsetDateTime parse(byte[] bytes) {
    AmpDateTime t = parseAny(bytes);
    if (!t.fitsOffsetDateTime()) {
      throw new AmpArgumentException(
          "DateTime: offset "
              + strRepr(bytes, SIGN, LENGTH)
              + " (expected: at most 18:00 either way, the java.time.ZoneOffset range;"
              + " declare the argument AmpDateTime for offsets up to 23:59)");
    }
    return t.toOffsetDateTime();
  }

  /** Parses Twisted's DateTime text, any offset Twisted accepts (up to ±23:59). */
  static AmpDateTime parseAny(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] < 0) {
        throw new AmpArgumentException(
            String.format(
                "'ascii' codec can't decode byte 0x%02x in position %d: ordinal not in range(128)",
                bytes[i] & 0xff, i));
      }
    }
    if (bytes.length != LENGTH) {
      throw new AmpArgumentException("invalid date format " + strRepr(bytes, 0, bytes.length));
    }
    int[] v = new int[FROM.length];
    for (int i = 0; i < FROM.length; i++) {
      BigInteger field = IntegerText.parseOrNull(bytes, FROM[i], TO[i]);
      if (field == null) {
        throw new AmpArgumentException(
            "invalid literal for int() with base 10: " + strRepr(bytes, FROM[i], TO[i]));
      }
      v[i] = field.intValueExact(); // at most 6 characters
    }
    byte sign = bytes[SIGN];
    if (sign != '+' && sign != '-') {
      throw new AmpArgumentException(
          "Invalid sign for timezone " + strRepr(bytes, SIGN, SIGN + 1));
    }
    int year = v[0];
    int month = v[1];
    int day = v[2];
    if (year < 1 || year > 9999) {
      throw new AmpArgumentException("year " + year + " is out of range");
    }
    if (month < 1 || month > 12) {
      throw new AmpArgumentException("month must be in 1..12");
    }
    if (day < 1 || day > YearMonth.of(year, month).lengthOfMonth()) {
      throw new AmpArgumentException("day is out of range for month");
    }
    check(v[3], 23, "hour must be in 0..23");
    check(v[4], 59, "minute must be in 0..59");
    check(v[5], 59, "second must be in 0..59");
    check(v[6], 999_999, "microsecond must be in 0..999999");
    // timedelta(hours=h, minutes=m), negated for '-'; each part may itself be signed ("+-5:30").
    int offsetMinutes = v[7] * 60 + v[8];
    if (sign == '-') {
      offsetMinutes = -offsetMinutes;
    }
    if (Math.abs(offsetMinutes) >= 24 * 60) {
      throw new AmpArgumentException(
          "offset must be a timedelta strictly between -timedelta(hours=24) and"
              + " timedelta(hours=24).");
    }
    return AmpDateTime.of(
        java.time.LocalDateTime.of(year, month, day, v[3], v[4], v[5], v[6] * 1000), offsetMinutes);
  }

  private static void check(int value, int max, String message) {
    if (value < 0 || value > max) {
      throw new AmpArgumentException(message);
    }
  }

  /** Python's {@code repr()} of ASCII text, which is that of the same bytes without the b. */
  private static String strRepr(byte[] b, int from, int to) {
    return PythonRepr.bytes(Arrays.copyOfRange(b, from, to)).substring(1);
  }
}
