package dev.spindle.pb.banana;

import dev.spindle.testing.LeakChecked;
import static dev.spindle.testing.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.testing.Vectors;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@LeakChecked
class BananaDecoderTest {

  @Test
  void decodesEveryVectorFedOneByteAtATime() {
    for (BananaDialect dialect : BananaDialect.values()) {
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      List<Sexp> expected = new ArrayList<>();
      for (JsonElement e : Vectors.load("banana.json").getAsJsonArray("encode")) {
        JsonObject v = e.getAsJsonObject();
        stream.writeBytes(hex(v.get(dialect == BananaDialect.PB ? "hex_pb" : "hex_none")));
        expected.add(SexpJson.parse(v.get("sexp")));
      }
      byte[] bytes = stream.toByteArray();
      int[] everyByte = new int[bytes.length];
      java.util.Arrays.setAll(everyByte, i -> i);
      List<Sexp> out = Channels.decode(bytes, BananaLimits.DEFAULT, dialect, everyByte);
      assertEquals(expected.size(), out.size());
      for (int i = 0; i < out.size(); i++) {
        assertTrue(SexpJson.same(expected.get(i), out.get(i)), SexpJson.show(out.get(i)));
      }
    }
  }

  /** Twisted's handshake relies on this: the switch applies to the very next element. */
  @Test
  void dialectSwitchedByTheNextHandlerAppliesToTheNextElementOfTheSameBuffer() {
    BananaDecoder decoder = new BananaDecoder();
    List<Sexp> seen = new ArrayList<>();
    EmbeddedChannel ch = new EmbeddedChannel(decoder, new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        seen.add((Sexp) msg);
        if (msg instanceof Sexp.Bytes b && b.is("pb")) {
          decoder.setDialect(BananaDialect.PB);
        }
      }
    });
    // "pb", then ["version", 6] with VOCAB 19, in one buffer.
    Channels.feed(ch, hex("02827062" + "028013870681"), 0, 10);
    assertEquals(List.of(Sexp.ascii("pb"), Sexp.list(Sexp.ascii("version"), Sexp.integer(6))), seen);
    assertFalse(ch.finish());
  }

  @Test
  void vocabIsRefusedOnceSwitchedBackToNone() {
    BananaDecoder decoder = new BananaDecoder(BananaLimits.DEFAULT, BananaDialect.PB);
    EmbeddedChannel ch = new EmbeddedChannel(decoder);
    Channels.feed(ch, hex("0187"), 0, 2);
    assertEquals(Sexp.ascii("None"), ch.readInbound());
    decoder.setDialect(BananaDialect.NONE);
    assertEquals(BananaDialect.NONE, decoder.dialect());
    DecoderException e = assertThrows(DecoderException.class, () -> Channels.feed(ch, hex("0187"), 0, 2));
    assertEquals("Invalid item for pb protocol b'None'", e.getCause().getMessage());
    ch.finishAndReleaseAll();
  }

  @Test
  void afterAnErrorDiscardsEverythingIncludingThePartialList() {
    EmbeddedChannel ch = Channels.decoderChannel(BananaLimits.DEFAULT, BananaDialect.NONE);
    Channels.feed(ch, hex("0380018102"), 0, 5); // [1, 2... pending
    DecoderException e = assertThrows(DecoderException.class, () -> Channels.feed(ch, hex("88"), 0, 1));
    BananaProtocolException cause = assertInstanceOf(BananaProtocolException.class, e.getCause());
    assertEquals(BananaException.NOT_IMPLEMENTED_ERROR, cause.pythonType());
    assertEquals("Invalid Type Byte b'\\x88'", cause.getMessage());
    Channels.feed(ch, hex("0181028000810081"), 0, 8); // valid, but after the error
    assertNull(ch.readInbound());
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void anIncompleteExpressionAtEndOfStreamIsDroppedSilently() {
    EmbeddedChannel ch = Channels.decoderChannel(BananaLimits.DEFAULT, BananaDialect.NONE);
    Channels.feed(ch, hex("0280018105826162"), 0, 8);
    assertNull(ch.readInbound());
    assertFalse(ch.finish());
  }

  @Test
  void integersKeepTheirExactValueAcrossTheLongBoundary() {
    assertDecodes("7f7f7f7f7f7f7f7f7f85", Sexp.integer(Long.MAX_VALUE));
    assertDecodes("0000000000000000000186", Sexp.integer(Long.MIN_VALUE));
    assertDecodes("0000000000000000000185", Sexp.integer(BigInteger.ONE.shiftLeft(63)));
    assertDecodes("0100000000000000000186", Sexp.integer(BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE)));
    assertDecodes("0000000000000000000285", Sexp.integer(BigInteger.ONE.shiftLeft(64)));
    assertDecodes("00000000000000004085", Sexp.integer(1L << 62));
    // 9 digits of 7 bits: the most a long holds exactly.
    assertDecodes("7f7f7f7f7f7f7f7f7f81", Sexp.integer(Long.MAX_VALUE));
    assertDecodes("7f7f7f7f7f7f7f7f7f83", Sexp.integer(-Long.MAX_VALUE));
    // Non-canonical high zero digits do not make a value big.
    assertDecodes("05" + "00".repeat(63) + "86", Sexp.integer(-5));
    BigInteger largest = BigInteger.ONE.shiftLeft(448).subtract(BigInteger.ONE);
    assertDecodes("7f".repeat(64) + "81", Sexp.integer(largest));
    assertDecodes("7f".repeat(64) + "83", Sexp.integer(largest.negate()));
  }

  @Test
  void floatsKeepTheirBits() {
    List<Sexp> out = Channels.decode(hex("847ff0000000000001" + "84fff8000000000123"), BananaDialect.NONE);
    assertEquals(0x7ff0000000000001L, Double.doubleToRawLongBits(((Sexp.Float) out.get(0)).value()));
    assertEquals(0xfff8000000000123L, Double.doubleToRawLongBits(((Sexp.Float) out.get(1)).value()));
  }

  @Test
  void unknownVocabIndexReportsTheExactIndexEvenWhenHuge() {
    assertRefused("00000000000000000000000187", BananaDialect.PB, BananaException.KEY_ERROR,
        BigInteger.ONE.shiftLeft(77).toString());
    // The index is looked up before the dialect is checked, as in Twisted.
    assertRefused("2087", BananaDialect.NONE, BananaException.KEY_ERROR, "32");
    assertRefused("87", BananaDialect.PB, BananaException.KEY_ERROR, "0");
  }

  @Test
  void prefixMessagesDependOnWhetherTheTypeByteHasArrived() {
    byte[] digits64 = hex("01".repeat(64));
    EmbeddedChannel waiting = Channels.decoderChannel(BananaLimits.DEFAULT, BananaDialect.NONE);
    Channels.feed(waiting, digits64, 0, 64);
    DecoderException longer = assertThrows(DecoderException.class,
        () -> Channels.feed(waiting, hex("0181"), 0, 2));
    assertEquals("Security precaution: longer than 64 bytes worth of prefix", longer.getCause().getMessage());
    waiting.finishAndReleaseAll();

    EmbeddedChannel noType = Channels.decoderChannel(BananaLimits.DEFAULT, BananaDialect.NONE);
    Channels.feed(noType, digits64, 0, 64);
    DecoderException more = assertThrows(DecoderException.class,
        () -> Channels.feed(noType, hex("01"), 0, 1));
    assertEquals("Security precaution: more than 64 bytes of prefix", more.getCause().getMessage());
    noType.finishAndReleaseAll();
  }

  @Test
  void aSmallerPrefixLimitIsEnforced() {
    BananaLimits limits = BananaLimits.builder().prefixLimit(5).build();
    assertEquals(List.of(Sexp.integer((1L << 35) - 1)),
        Channels.decode(hex("7f7f7f7f7f81"), limits, BananaDialect.NONE));
    DecoderException e = assertThrows(DecoderException.class,
        () -> Channels.decode(hex("000000000001" + "81"), limits, BananaDialect.NONE));
    assertEquals("Security precaution: longer than 5 bytes worth of prefix", e.getCause().getMessage());
  }

  @Test
  void aSmallerSizeLimitIsEnforcedOnTheHeader() {
    BananaLimits limits = BananaLimits.builder().sizeLimit(3).build();
    assertEquals(List.of(Sexp.ascii("abc")), Channels.decode(hex("0382616263"), limits, BananaDialect.NONE));
    assertRefused("0482", limits, BananaDialect.NONE, BananaException.BANANA_ERROR, "Security precaution: String too long.");
    assertRefused("0480", limits, BananaDialect.NONE, BananaException.BANANA_ERROR, "Security precaution: List too long.");
  }

  @Test
  void nestingDeeperThanMaxDepthIsRefused() {
    BananaLimits limits = BananaLimits.builder().maxDepth(3).build();
    Sexp depth3 = Sexp.list(Sexp.list(Sexp.list()));
    assertEquals(List.of(depth3), Channels.decode(hex("018001800080"), limits, BananaDialect.NONE));
    BananaProtocolException e = assertRefused("0180018001800080", limits, BananaDialect.NONE,
        BananaException.BANANA_ERROR, "Security precaution: list nesting too deep (expected: <= 3)");
    assertTrue(e.getMessage().contains("3"));
  }

  @Test
  void expressionsCostingMoreThanMaxExpressionBytesAreRefusedFromTheHeader() {
    BananaLimits limits = BananaLimits.builder().maxExpressionBytes(64).build();
    // Two lists [1, 2] costing 56 + 4 * 2 = 64 bytes of heap each: the count restarts for each.
    assertEquals(2, Channels.decode(hex("028001810281" + "028001810281"), limits, BananaDialect.NONE).size());
    // A 30-byte string costs 40 + 30: refused on its header, before its bytes arrive.
    assertRefused("1e82", limits, BananaDialect.NONE, BananaException.BANANA_ERROR,
        "Security precaution: expression too large: at least 70 bytes of heap (expected: <= 64)");
    // Items add up: [2000, 2000] is 64 for the list and 24 for each integer (not a shared one).
    BananaLimits hundred = BananaLimits.builder().maxExpressionBytes(100).build();
    assertRefused("0280" + "500f81" + "500f81", hundred, BananaDialect.NONE, BananaException.BANANA_ERROR,
        "Security precaution: expression too large: at least 112 bytes of heap (expected: <= 100)");
  }

  @Test
  void aHundredThousandDeepListDecodesWithoutRecursionWhenAllowed() {
    int depth = 100_000;
    byte[] bytes = hex("0180".repeat(depth - 1) + "0080");
    // 60 bytes of heap a level (HeapCost): above the default expression limit
    BananaLimits limits = BananaLimits.builder().maxDepth(depth).maxExpressionBytes(16L << 20).build();
    List<Sexp> out = Channels.decode(bytes, limits, BananaDialect.NONE);
    assertEquals(1, out.size());
    Sexp s = out.get(0);
    int levels = 0;
    while (s instanceof Sexp.SList l && l.size() == 1) {
      levels++;
      s = l.get(0);
    }
    assertEquals(depth, levels + 1);
    assertEquals(0, ((Sexp.SList) s).size());
    assertArrayEquals(bytes, BananaEncoder.encode(out.get(0), BananaDialect.NONE, limits));
  }

  @Test
  void aHundredThousandDeepListIsRefusedCleanlyByDefault() {
    byte[] bytes = hex("0180".repeat(99_999) + "0080");
    DecoderException e = assertThrows(DecoderException.class, () -> Channels.decode(bytes, BananaDialect.NONE));
    assertEquals("Security precaution: list nesting too deep (expected: <= 256)", e.getCause().getMessage());
  }

  /** A header announcing 640 KiB (or 640 Ki elements) reserves nothing until the data arrives. */
  @Test
  void announcedLengthsAllocateNothingBeforeTheirData() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    byte[][] headers = {
      hex("00002882"), // string of 655360 bytes, no data
      hex("00002880" + "0181".repeat(10)), // list of 655360 elements, 10 arrived
      hex("00002880".repeat(200)), // 200 nested lists of 655360 elements
    };
    BananaLimits limits = BananaLimits.builder().maxDepth(1000).maxExpressionBytes(Long.MAX_VALUE).build();
    for (int round = 0; round < 3; round++) { // the first rounds warm up class loading
      for (byte[] header : headers) {
        EmbeddedChannel ch = Channels.decoderChannel(limits, BananaDialect.NONE);
        io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.copiedBuffer(header);
        long before = threads.getCurrentThreadAllocatedBytes();
        ch.writeInbound(in);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertNull(ch.readInbound());
        assertFalse(ch.finish());
        if (round == 2) {
          assertTrue(allocated < 128 * 1024, "allocated " + allocated + " bytes for " + header.length + " header bytes");
        }
      }
    }
  }

  @Test
  void rejectsBadLimits() {
    assertEquals("sizeLimit: -1 (expected: 0..2147483639)",
        assertThrows(IllegalArgumentException.class, () -> BananaLimits.builder().sizeLimit(-1).build()).getMessage());
    assertThrows(IllegalArgumentException.class, () -> BananaLimits.builder().prefixLimit(4).build());
    assertThrows(IllegalArgumentException.class, () -> BananaLimits.builder().prefixLimit(1025).build());
    assertEquals("maxDepth: 0 (expected: >= 1)",
        assertThrows(IllegalArgumentException.class, () -> BananaLimits.builder().maxDepth(0).build()).getMessage());
    assertThrows(IllegalArgumentException.class, () -> BananaLimits.builder().maxExpressionBytes(0).build());
    BananaLimits custom = BananaLimits.builder().sizeLimit(10).prefixLimit(9).maxDepth(7).maxExpressionBytes(99).build();
    assertEquals(custom, custom.toBuilder().build());
    assertEquals(custom.hashCode(), custom.toBuilder().build().hashCode());
    assertEquals(BananaLimits.DEFAULT, BananaLimits.builder().build());
    assertEquals(655_360, BananaLimits.DEFAULT.sizeLimit());
    assertEquals(64, BananaLimits.DEFAULT.prefixLimit());
  }

  private static void assertDecodes(String hex, Sexp expected) {
    assertEquals(List.of(expected), Channels.decode(hex(hex), BananaDialect.NONE), hex);
  }

  private static BananaProtocolException assertRefused(
      String hex, BananaDialect dialect, String pythonType, String message) {
    return assertRefused(hex, BananaLimits.DEFAULT, dialect, pythonType, message);
  }

  private static BananaProtocolException assertRefused(
      String hex, BananaLimits limits, BananaDialect dialect, String pythonType, String message) {
    DecoderException d = assertThrows(DecoderException.class, () -> Channels.decode(hex(hex), limits, dialect));
    BananaProtocolException e = assertInstanceOf(BananaProtocolException.class, d.getCause());
    assertEquals(message, e.getMessage());
    assertEquals(pythonType, e.pythonType());
    return e;
  }
}
