package dev.spindle.pb.banana;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VocabularyTest {
  @Test
  void mapsEveryWordBothWays() {
    for (int i = 1; i <= Vocabulary.SIZE; i++) {
      byte[] word = Vocabulary.bytes(i);
      assertEquals(i, Vocabulary.indexOf(word));
      assertEquals(Vocabulary.word(i), new String(word, StandardCharsets.US_ASCII));
    }
  }

  @Test
  void matchesExactlyAndCaseSensitively() {
    for (String s : new String[] {"", "none", "NONE", "Nonee", "lis", "unicode", "root", "boolean",
        "not_logged_inx", "a_much_longer_string_than_any_word"}) {
      assertEquals(0, Vocabulary.indexOf(s.getBytes(StandardCharsets.US_ASCII)), s);
    }
  }

  @Test
  void refusesUndefinedIndices() {
    assertFalse(Vocabulary.contains(0));
    assertFalse(Vocabulary.contains(32));
    assertTrue(Vocabulary.contains(31));
    assertEquals("index: 0 (expected: 1..31)",
        assertThrows(IllegalArgumentException.class, () -> Vocabulary.word(0)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> Vocabulary.bytes(32));
  }

  @Test
  void bytesAreACopy() {
    byte[] b = Vocabulary.bytes(8);
    b[0] = 'X';
    assertArrayEquals("list".getBytes(StandardCharsets.US_ASCII), Vocabulary.bytes(8));
  }

  @Test
  void dialectsByWireName() {
    assertEquals(BananaDialect.PB, BananaDialect.forSexp(Sexp.ascii("pb")));
    assertEquals(BananaDialect.NONE, BananaDialect.forSexp(Sexp.ascii("none")));
    assertNull(BananaDialect.forSexp(Sexp.ascii("PB")));
    assertNull(BananaDialect.forSexp(Sexp.list(Sexp.ascii("pb"))));
    assertEquals(Sexp.ascii("pb"), BananaDialect.PB.toSexp());
    assertTrue(BananaDialect.PB.usesVocabulary());
    assertFalse(BananaDialect.NONE.usesVocabulary());
  }
}
