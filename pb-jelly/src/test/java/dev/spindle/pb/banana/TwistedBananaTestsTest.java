package dev.spindle.pb.banana;

import static dev.spindle.testing.Vectors.hex;
import static dev.spindle.testing.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spindle.testing.LeakChecked;
import io.netty.handler.codec.DecoderException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Twisted 22.4's own {@code twisted/spread/test/test_banana.py}, ported: each test names the
 * Twisted test it ports. Expected bytes and messages were printed by Twisted 22.4 under
 * /usr/bin/python3 (see docs/TWISTED-TESTS.md).
 */
@LeakChecked
class TwistedBananaTestsTest {
  private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(7 * 64); // 64 bytes of prefix

  /** test_sizedIntegerTypes: INT/NEG below the cutoff, LONGINT/LONGNEG above, byte for byte. */
  @Test
  void sizedIntegerTypes() {
    long baseIntIn = 2147483647L;
    long baseNegIn = -2147483648L;
    assertEncodes("7d" + "7f7f7f0781", baseIntIn - 2);
    assertEncodes("7e" + "7f7f7f0781", baseIntIn - 1);
    assertEncodes("7f" + "7f7f7f0781", baseIntIn);
    assertEncodes("00" + "0000000885", baseIntIn + 1);
    assertEncodes("01" + "0000000885", baseIntIn + 2);
    assertEncodes("02" + "0000000885", baseIntIn + 3);
    assertEncodes("7e" + "7f7f7f0783", baseNegIn + 2);
    assertEncodes("7f" + "7f7f7f0783", baseNegIn + 1);
    assertEncodes("000000000883", baseNegIn);
    assertEncodes("01" + "0000000886", baseNegIn - 1);
    assertEncodes("02" + "0000000886", baseNegIn - 2);
    assertEncodes("03" + "0000000886", baseNegIn - 3);
  }

  /** test_crashNegativeLong, test_negative, test_integer, test_int, test_float, test_string. */
  @Test
  void atomsRoundTrip() {
    assertRoundTrips("000000000883", Sexp.integer(-2147483648L));
    assertRoundTrips("770783", Sexp.integer(-1015));
    assertRoundTrips("770781", Sexp.integer(1015));
    assertRoundTrips("84408fb80000000000", Sexp.floating(1015.0));
    assertRoundTrips("058268656c6c6f", Sexp.ascii("hello"));
  }

  /** test_encodeTooLargeLong, test_encodeTooSmallLong: 2**448 is the smallest refused. */
  @Test
  void encodeAtThePrefixLimit() {
    byte[] largest = BananaEncoder.encode(Sexp.integer(LIMIT.subtract(BigInteger.ONE)), BananaDialect.NONE);
    assertEquals("7f".repeat(64) + "85", toHex(largest));
    assertEquals("7f".repeat(64) + "86",
        toHex(BananaEncoder.encode(Sexp.integer(BigInteger.ONE.subtract(LIMIT)), BananaDialect.NONE)));
    BananaEncodingException high = assertThrows(BananaEncodingException.class,
        () -> BananaEncoder.encode(Sexp.integer(LIMIT), BananaDialect.NONE));
    assertEquals("int is too large to send (" + LIMIT + ")", high.getMessage());
    BananaEncodingException low = assertThrows(BananaEncodingException.class,
        () -> BananaEncoder.encode(Sexp.integer(LIMIT.negate()), BananaDialect.NONE));
    assertEquals("int is too large to send (-" + LIMIT + ")", low.getMessage());
  }

  /** test_decodeTooLargeLong, test_decodeTooSmallLong: 65 bytes of prefix are refused. */
  @Test
  void decodeAtThePrefixLimit() {
    assertEquals(List.of(Sexp.integer(LIMIT.subtract(BigInteger.ONE))),
        Channels.decode(hex("7f".repeat(64) + "85"), BananaDialect.NONE));
    for (String type : List.of("85", "86")) {
      assertRefused("00".repeat(64) + "01" + type, BananaDialect.NONE, BananaException.BANANA_ERROR,
          "Security precaution: longer than 64 bytes worth of prefix");
    }
  }

  /** test_oversizedList, test_oversizedString, test_crashString. */
  @Test
  void oversizedHeadersAreRefused() {
    assertRefused("020101010180", BananaDialect.NONE, BananaException.BANANA_ERROR, "Security precaution: List too long.");
    assertRefused("020101010182", BananaDialect.NONE, BananaException.BANANA_ERROR,
        "Security precaution: String too long.");
    assertRefused("000000000480", BananaDialect.NONE, BananaException.BANANA_ERROR, "Security precaution: List too long.");
  }

  /** test_list and test_partial: fed one byte at a time, with integers beyond a long. */
  @Test
  void partialDelivery() {
    BigInteger maxsize = BigInteger.valueOf(Long.MAX_VALUE);
    Sexp list = Sexp.list(List.of(Sexp.integer(maxsize.multiply(BigInteger.valueOf(3))),
        Sexp.integer(maxsize.multiply(BigInteger.TWO)), Sexp.integer(maxsize.multiply(BigInteger.valueOf(-2)))));
    String twisted = "03807d7f7f7f7f7f7f7f7f02857e7f7f7f7f7f7f7f7f01857e7f7f7f7f7f7f7f7f0186";
    assertEquals(twisted, toHex(BananaEncoder.encode(list, BananaDialect.NONE)));
    byte[] bytes = hex(twisted);
    int[] cuts = new int[bytes.length - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = i + 1;
    }
    assertEquals(List.of(list), Channels.decode(bytes, BananaLimits.DEFAULT, BananaDialect.NONE, cuts));
  }

  /** test_int2b128: values up to 1024**10 survive the base-128 prefix both ways. */
  @Test
  void int2b128() {
    List<BigInteger> funky = new ArrayList<>();
    for (long start : new long[] {0, 1000, 1_000_000}) {
      for (long i = start; i < start + 100; i++) {
        funky.add(BigInteger.valueOf(i));
      }
    }
    funky.add(BigInteger.valueOf(1024).pow(10));
    for (BigInteger i : funky) {
      Sexp s = Sexp.integer(i);
      assertEquals(List.of(s), Channels.decode(BananaEncoder.encode(s, BananaDialect.NONE), BananaDialect.NONE));
    }
  }

  /** test_sendPb, test_receivePb, test_receiveIllegalPb, test_dialectNotSet. */
  @Test
  void dialects() {
    assertEquals("1087", toHex(BananaEncoder.encode(Sexp.ascii("remote"), BananaDialect.PB)));
    assertEquals(List.of(Sexp.ascii("remote")), Channels.decode(hex("1087"), BananaDialect.PB));
    assertRefused("7a87", BananaDialect.PB, BananaException.KEY_ERROR, "122");
    assertRefused("1087", BananaDialect.NONE, BananaException.NOT_IMPLEMENTED_ERROR,
        "Invalid item for pb protocol b'remote'");
  }

  private static void assertEncodes(String hex, long value) {
    assertEquals(hex, toHex(BananaEncoder.encode(Sexp.integer(value), BananaDialect.NONE)), Long.toString(value));
  }

  private static void assertRoundTrips(String hex, Sexp value) {
    assertEquals(hex, toHex(BananaEncoder.encode(value, BananaDialect.NONE)));
    assertEquals(List.of(value), Channels.decode(hex(hex), BananaDialect.NONE));
  }

  private static void assertRefused(String hex, BananaDialect dialect, String pythonType, String message) {
    DecoderException d = assertThrows(DecoderException.class,
        () -> Channels.decode(hex(hex), BananaLimits.DEFAULT, dialect));
    BananaProtocolException e = assertInstanceOf(BananaProtocolException.class, d.getCause());
    assertEquals(message, e.getMessage());
    assertEquals(pythonType, e.pythonType());
  }
}
