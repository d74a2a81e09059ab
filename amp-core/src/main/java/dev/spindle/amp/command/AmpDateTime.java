package dev.spindle.amp.command;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * An AMP {@code DateTime} with any offset Twisted accepts: a local date and time (years 1 to 9999,
 * microseconds) and an offset from UTC of up to ±23:59, as Python's {@code datetime} with a fixed
 * {@code timezone}. {@link OffsetDateTime} holds offsets up to ±18:00 only; declare a command
 * argument {@code AmpDateTime} (or use {@link ArgumentTypes#AMP_DATE_TIME}) to receive every value
 * a Twisted peer may send, and {@link #toOffsetDateTime()} where the offset allows.
 *
 * <pre>{@code
 * AmpDateTime t = AmpDateTime.parse("2024-02-29T23:59:59.000000+23:59");
 * t.offsetMinutes();   // 1439
 * t.toInstant();       // 2024-02-29T00:00:59Z
 * }</pre>
 *
 * <p>Immutable; equal when the local time and offset are equal (as the text is).
 */
public final class AmpDateTime implements Comparable<AmpDateTime> {
  /** The largest offset either way, in minutes: 23:59, Python's limit. */
  public static final int MAX_OFFSET_MINUTES = 24 * 60 - 1;

  private final LocalDateTime local;
  private final int offsetMinutes;

  private AmpDateTime(LocalDateTime local, int offsetMinutes) {
    this.local = local;
    this.offsetMinutes = offsetMinutes;
  }

  /**
   * The date-time {@code local} at {@code offsetMinutes} from UTC (truncated to microseconds).
   *
   * @param local the local date and time, years 1 to 9999; not null
   * @param offsetMinutes the offset from UTC in minutes, -1439 to 1439
   * @return the date-time, truncated to microseconds
   * @throws IllegalArgumentException if the year is outside 1 to 9999 or the offset beyond ±23:59
   */
  public static AmpDateTime of(LocalDateTime local, int offsetMinutes) {
    Objects.requireNonNull(local, "local");
    if (local.getYear() < 1 || local.getYear() > 9999) {
      throw new IllegalArgumentException("year " + local.getYear() + " (expected: 1 to 9999, Python's datetime range)");
    }
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) {
      throw new IllegalArgumentException("offsetMinutes: " + offsetMinutes + " (expected: -1439 to 1439, ±23:59)");
    }
    return new AmpDateTime(local.truncatedTo(ChronoUnit.MICROS), offsetMinutes);
  }

  /**
   * The same value as {@code value}, its offset rounded down to whole minutes as Twisted sends it.
   *
   * @param value the date-time to convert; not null
   * @return the same local time at the offset in whole minutes
   */
  public static AmpDateTime of(OffsetDateTime value) {
    return of(value.toLocalDateTime(), Math.floorDiv(value.getOffset().getTotalSeconds(), 60));
  }

  /**
   * Reads Twisted's text, as a received AMP {@code DateTime} is read.
   *
   * @param text the text, as Twisted writes it ({@code 2024-02-29T23:59:59.000000+23:59}); not null
   * @return the parsed date-time
   * @throws dev.spindle.amp.exceptions.AmpArgumentException with Python's message if Twisted would refuse it
   */
  public static AmpDateTime parse(CharSequence text) {
    return DateTimeText.parseAny(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The local date and time, microsecond precision.
   *
   * @return the local date and time, never null
   */
  public LocalDateTime localDateTime() {
    return local;
  }

  /**
   * The offset from UTC in minutes, -1439 to 1439.
   *
   * @return the offset in minutes, -1439 to 1439
   */
  public int offsetMinutes() {
    return offsetMinutes;
  }

  /**
   * True if {@link #toOffsetDateTime()} can hold it: the offset is within ±18:00.
   *
   * @return true if the offset is within ±18:00
   */
  public boolean fitsOffsetDateTime() {
    return Math.abs(offsetMinutes) <= 18 * 60;
  }

  /**
   * This value as an {@link OffsetDateTime}.
   *
   * @return the same local time and offset as an {@link OffsetDateTime}
   * @throws java.time.DateTimeException if the offset is beyond ±18:00 ({@link ZoneOffset}'s range)
   */
  public OffsetDateTime toOffsetDateTime() {
    return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(offsetMinutes * 60));
  }

  /**
   * The instant it denotes (any offset).
   *
   * @return the instant, independent of the offset
   */
  public Instant toInstant() {
    return local.toInstant(ZoneOffset.UTC).minusSeconds(offsetMinutes * 60L);
  }

  /** By instant, then by offset. */
  @Override
  public int compareTo(AmpDateTime o) {
    int c = toInstant().compareTo(o.toInstant());
    return c != 0 ? c : Integer.compare(offsetMinutes, o.offsetMinutes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AmpDateTime t && t.offsetMinutes == offsetMinutes && t.local.equals(local);
  }

  @Override
  public int hashCode() {
    return local.hashCode() * 31 + offsetMinutes;
  }

  /** Twisted's text: {@code 2024-02-29T23:59:59.000000+23:59}. */
  @Override
  public String toString() {
    return new String(DateTimeText.format(this), StandardCharsets.US_ASCII);
  }
}
