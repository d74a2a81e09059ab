package dev.spindle.pb.banana;

import dev.spindle.testing.LeakChecked;
import static dev.spindle.testing.Vectors.hex;
import static dev.spindle.testing.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@LeakChecked
class BananaEncoderTest {

  /** Expected bytes from Twisted 22.4's {@code banana.encode} at the long boundaries. */
  @Test
  void chooseTypeBytesLikeTwistedAtTheLongBoundary() {
    assertEncodes("7f7f7f7f7f7f7f7f7f85", Sexp.integer(Long.MAX_VALUE));
    assertEncodes("0000000000000000000186", Sexp.integer(Long.MIN_VALUE));
    assertEncodes("0000000000000000000185", Sexp.integer(BigInteger.ONE.shiftLeft(63)));
    assertEncodes("0100000000000000000186",
        Sexp.integer(BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE)));
    assertEncodes("0000000000000000000285", Sexp.integer(BigInteger.ONE.shiftLeft(64)));
    assertEncodes("0000000000000000000286", Sexp.integer(BigInteger.ONE.shiftLeft(64).negate()));
    assertEncodes("00000000000000004085", Sexp.integer(1L << 62));
    assertEncodes("7f7f7f7f7f85", Sexp.integer((1L << 35) - 1));
    assertEncodes("01800180018001800181", Sexp.list(Sexp.list(Sexp.list(Sexp.list(Sexp.integer(1))))));
  }

  @Test
  void theLargestIntegerDependsOnThePrefixLimit() {
    BananaLimits five = BananaLimits.builder().prefixLimit(5).build();
    assertEquals("7f7f7f7f7f85", toHex(BananaEncoder.encode(Sexp.integer((1L << 35) - 1), BananaDialect.NONE, five)));
    assertEquals("7f7f7f7f7f86", toHex(BananaEncoder.encode(Sexp.integer(1 - (1L << 35)), BananaDialect.NONE, five)));
    BananaEncodingException e = assertThrows(BananaEncodingException.class,
        () -> BananaEncoder.encode(Sexp.integer(1L << 35), BananaDialect.NONE, five));
    assertEquals("int is too large to send (34359738368)", e.getMessage());
    assertThrows(BananaEncodingException.class,
        () -> BananaEncoder.encode(Sexp.integer(Long.MIN_VALUE), BananaDialect.NONE, five));
  }

  @Test
  void vocabularyWordsAreSubstitutedOnlyInThePbDialect() {
    Sexp data = Sexp.list(Sexp.ascii("list"), Sexp.ascii("lists"), Sexp.ascii("List"), Sexp.ascii("not_logged_in"));
    assertEquals("0480" + "0887" + "05826c69737473" + "04824c697374" + "1887",
        toHex(BananaEncoder.encode(data, BananaDialect.PB)));
    assertEquals("0480" + "04826c697374" + "05826c69737473" + "04824c697374" + "0d826e6f745f6c6f676765645f696e",
        toHex(BananaEncoder.encode(data, BananaDialect.NONE)));
  }

  @Test
  void theHandlerSwitchesDialectForTheNextWrite() {
    BananaEncoder encoder = new BananaEncoder();
    EmbeddedChannel ch = new EmbeddedChannel(encoder);
    ch.writeOutbound(Sexp.ascii("version"));
    encoder.setDialect(BananaDialect.PB);
    ch.writeOutbound(Sexp.ascii("version"));
    assertEquals("078276657273696f6e" + "1387", toHex(Channels.drainOutbound(ch)));
    ch.finishAndReleaseAll();
  }

  @Test
  void aRefusedWriteFailsItsPromiseAndLeavesTheChannelUsable() {
    EmbeddedChannel ch = new EmbeddedChannel(new BananaEncoder());
    ChannelFuture refused = ch.writeAndFlush(Sexp.integer(BigInteger.ONE.shiftLeft(448)));
    assertInstanceOf(EncoderException.class, refused.cause());
    assertInstanceOf(BananaEncodingException.class, refused.cause().getCause());
    ch.writeAndFlush(Sexp.integer(1));
    assertEquals("0181", toHex(Channels.drainOutbound(ch)));
    ch.finishAndReleaseAll();
  }

  @Test
  void nullIsRefusedAnywhereInTheTree() {
    assertThrows(BananaEncodingException.class, () -> BananaEncoder.encode(null, BananaDialect.NONE));
    List<Sexp> items = new ArrayList<>();
    items.add(Sexp.integer(1));
    items.add(null);
    BananaEncodingException e = assertThrows(BananaEncodingException.class,
        () -> BananaEncoder.encode(Sexp.list(Sexp.list(), new Sexp.SList(items)), BananaDialect.PB));
    assertEquals(BananaException.BANANA_ERROR, e.pythonType());
  }

  @Test
  void aHundredThousandDeepListEncodesWithoutRecursionWhenAllowed() {
    int depth = 100_000;
    Sexp deep = Sexp.list();
    for (int i = 1; i < depth; i++) {
      deep = Sexp.list(deep);
    }
    // 60 bytes of heap a level (HeapCost): above the default expression limit
    BananaLimits limits = BananaLimits.builder().maxDepth(depth).maxExpressionBytes(16L << 20).build();
    byte[] bytes = BananaEncoder.encode(deep, BananaDialect.PB, limits);
    assertEquals("0180".repeat(depth - 1) + "0080", toHex(bytes));

    Sexp deeper = Sexp.list(deep);
    BananaEncodingException e = assertThrows(BananaEncodingException.class,
        () -> BananaEncoder.encode(deeper, BananaDialect.PB, limits));
    assertEquals("list nesting is too deep to send (depth: 100001, expected: <= 100000)", e.getMessage());
    Sexp finalDeep = deep;
    assertThrows(BananaEncodingException.class, () -> BananaEncoder.encode(finalDeep, BananaDialect.PB));
  }

  @Test
  void expressionsCostingMoreThanMaxExpressionBytesAreRefused() {
    // the receiver's heap (HeapCost): a list of n items 56 + 4n, small integers nothing
    BananaLimits limits = BananaLimits.builder().maxExpressionBytes(64).build();
    assertEquals("028001810281", toHex(BananaEncoder.encode(Sexp.list(Sexp.integer(1), Sexp.integer(2)), BananaDialect.NONE, limits)));
    BananaEncodingException e = assertThrows(BananaEncodingException.class,
        () -> BananaEncoder.encode(Sexp.list(Sexp.integer(1), Sexp.integer(2), Sexp.integer(3)), BananaDialect.NONE, limits));
    assertEquals("expression is too large to send (at least 68 bytes of the receiver's heap, expected: <= 64)", e.getMessage());
  }

  @Test
  void vocabularyWordsAreNotCountedAgainstTheSizeLimit() {
    BananaLimits tiny = BananaLimits.builder().sizeLimit(3).build();
    assertEquals("0d87", toHex(BananaEncoder.encode(Sexp.ascii("copy"), BananaDialect.PB, tiny)));
    BananaEncodingException e = assertThrows(BananaEncodingException.class,
        () -> BananaEncoder.encode(Sexp.ascii("copy"), BananaDialect.NONE, tiny));
    assertEquals("byte string is too long to send (4)", e.getMessage());
  }

  @Test
  void encodeIntoABufferAppendsAndSizesExactly() {
    Sexp value = Sexp.list(Sexp.floating(-0.0), Sexp.ascii("x"));
    ByteBuf out = Unpooled.buffer(0);
    try {
      out.writeByte(0xff);
      BananaEncoder.encode(value, BananaDialect.NONE, BananaLimits.DEFAULT, out);
      assertEquals("ff" + "0280" + "848000000000000000" + "018278", toHex(ByteBufUtil.getBytes(out)));
      assertEquals(out.readableBytes() - 1, BananaEncoder.encodedLength(value, BananaDialect.NONE, BananaLimits.DEFAULT));
    } finally {
      out.release();
    }
  }

  @Test
  void nanPayloadsAreKept() {
    Sexp nan = Sexp.floating(Double.longBitsToDouble(0x7ff0000000000abcL));
    assertEquals("847ff0000000000abc", toHex(BananaEncoder.encode(nan, BananaDialect.NONE)));
    assertTrue(SexpJson.same(nan, Channels.decode(hex("847ff0000000000abc"), BananaDialect.NONE).get(0)));
  }

  private static void assertEncodes(String hex, Sexp value) {
    for (BananaDialect d : BananaDialect.values()) {
      assertEquals(hex, toHex(BananaEncoder.encode(value, d)));
      assertEquals(hex.length() / 2, BananaEncoder.encodedLength(value, d, BananaLimits.DEFAULT));
    }
  }
}
