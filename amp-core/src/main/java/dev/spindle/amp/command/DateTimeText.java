package dev.spindle.amp.command;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/** AMP {@code DateTime} text: {@code YYYY-MM-DDTHH:MM:SS.ffffff±HH:MM}. */
final class DateTimeText {
  private DateTimeText() {}

  static byte[] format(OffsetDateTime value) {
    // TODO(types): exact Twisted format.
    return value.toString().getBytes(StandardCharsets.US_ASCII);
  }

  static OffsetDateTime parse(byte[] bytes) {
    // TODO(types): Twisted's fixed-position parser.
    return OffsetDateTime.parse(new String(bytes, StandardCharsets.US_ASCII));
  }
}
