package dev.spindle.amp.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TagsTest {
  private static String format(long tag) {
    return new String(Tags.format(tag), StandardCharsets.US_ASCII);
  }

  private static long parse(String s) {
    return Tags.parse(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void formatsLowerCaseHexWithoutLeadingZeros() {
    // Twisted: hex(counter)[2:] as bytes
    assertEquals("1", format(1));
    assertEquals("9", format(9));
    assertEquals("a", format(10));
    assertEquals("f", format(15));
    assertEquals("10", format(16));
    assertEquals("3e8", format(1000));
    assertEquals("ffffffff", format(0xffffffffL));
    assertEquals("100000000", format(0x100000000L));
    assertEquals("7fffffffffffffff", format(Long.MAX_VALUE));
  }

  @Test
  void parsesWhatItFormats() {
    for (long t : new long[] {1, 9, 10, 255, 256, 1000, 0xfffffffffffL, 0xfffffffffffffffL}) {
      assertEquals(t, parse(format(t)));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "01", "00", "A", "1F", " 1", "1 ", "-1", "+1", "g", "0x1", "1000000000000000"})
  void refusesTagsThisSideNeverMakes(String tag) {
    assertEquals(-1, parse(tag));
  }
}
