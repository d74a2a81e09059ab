package dev.spindle.cred.checkers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BCryptHashTest {
  /**
   * Known-good hashes made by other implementations: the first is the classic crypt_blowfish test
   * vector; the others were made with Python's {@code bcrypt} 3.2 ({@code bcrypt.hashpw(b'secret',
   * b'$2b$04$abcdefghijklmnopqrstuu')}), the last renamed {@code $2y$} as htpasswd writes it.
   */
  @ParameterizedTest
  @CsvSource({
    "U*U,    $2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
    "secret, $2b$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW",
    "secret, $2y$04$abcdefghijklmnopqrstuu2r9OfJnfCsdneAXAGHnS4UpFFP8WIrW",
  })
  void verifiesKnownGoodHashes(String password, String hash) {
    BCryptHash h = BCryptHash.parse(hash);
    assertTrue(h.verify(password.getBytes(StandardCharsets.US_ASCII)));
    assertFalse(h.verify((password + "!").getBytes(StandardCharsets.US_ASCII)));
    assertFalse(h.verify(password.substring(1).getBytes(StandardCharsets.US_ASCII)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "secret",
        "$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2a$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2a$32$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2a$5$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOe",
        "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeWW",
        "$2a$05$CCCCCCCCCCCCCCCCCCCCC+E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW ",
      })
  void refusesAnythingElseWithoutRepeatingIt(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BCryptHash.parse(text));
    assertEquals(
        "not a bcrypt hash (expected: $2a$, $2b$ or $2y$, a two-digit cost from 04 to 31, '$', then"
            + " 53 characters of ./A-Za-z0-9)",
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 5})
  void generatesY2HashesThatVerify(int cost) {
    String hash = BCryptHash.generate("pw".getBytes(StandardCharsets.US_ASCII), cost);
    assertTrue(hash.startsWith(String.format("$2y$%02d$", cost)), hash);
    assertEquals(60, hash.length());
    assertTrue(BCryptHash.parse(hash).verify("pw".getBytes(StandardCharsets.US_ASCII)));
  }
}
