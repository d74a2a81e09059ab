package dev.spindle.amp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.testing.Vectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict UTF-8 with CPython 3.11.2's UnicodeDecodeError messages. */
class UnicodeTextTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ff|byte 0xff in position 0: invalid start byte",
        "eda080|byte 0xed in position 0: invalid continuation byte",
        "e697|bytes in position 0-1: unexpected end of data",
        "e6|byte 0xe6 in position 0: unexpected end of data",
        "61f09f98|bytes in position 1-3: unexpected end of data",
        "f09f9841|bytes in position 0-2: invalid continuation byte",
        "f4908080|byte 0xf4 in position 0: invalid continuation byte",
        "c080|byte 0xc0 in position 0: invalid start byte",
        "e08080|byte 0xe0 in position 0: invalid continuation byte",
        "f5|byte 0xf5 in position 0: invalid start byte",
        "f028|byte 0xf0 in position 0: invalid continuation byte",
        "68c3a9c3|byte 0xc3 in position 3: unexpected end of data",
      })
  void refusesWithPythonsMessage(String hex, String python) {
    AmpArgumentException e =
        assertThrows(
            AmpArgumentException.class, () -> ArgumentTypes.UNICODE.fromBytes(Vectors.hex(hex)));
    assertEquals("'utf-8' codec can't decode " + python, e.getMessage());
  }

  @Test
  void refusesUnpairedSurrogatesWhenSending() {
    AmpArgumentException e =
        assertThrows(AmpArgumentException.class, () -> ArgumentTypes.UNICODE.toBytes("a\ud800b"));
    assertEquals("Unicode: unpaired surrogate at index 1 (expected: valid UTF-16)", e.getMessage());
    assertThrows(AmpArgumentException.class, () -> ArgumentTypes.UNICODE.toBytes("\udc00"));
    assertEquals("f09f9880", Vectors.toHex(ArgumentTypes.UNICODE.toBytes("\ud83d\ude00")));
  }
}
