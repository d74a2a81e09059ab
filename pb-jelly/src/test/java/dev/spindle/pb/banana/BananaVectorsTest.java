package dev.spindle.pb.banana;

import dev.spindle.testing.LeakChecked;
import static dev.spindle.testing.Vectors.hex;
import static dev.spindle.testing.Vectors.toHex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.spindle.testing.Vectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden vectors of {@code banana.json}, produced by Twisted 22.4. */
@LeakChecked
class BananaVectorsTest {
  private static final JsonObject VECTORS = Vectors.load("banana.json");

  static Stream<Arguments> encodeVectors() {
    List<Arguments> args = new ArrayList<>();
    for (JsonElement e : VECTORS.getAsJsonArray("encode")) {
      JsonObject v = e.getAsJsonObject();
      String name = v.get("description").getAsString();
      args.add(Arguments.of(name, BananaDialect.NONE, v.get("sexp"), v.get("hex_none").getAsString()));
      args.add(Arguments.of(name, BananaDialect.PB, v.get("sexp"), v.get("hex_pb").getAsString()));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("encodeVectors")
  void encodesLikeTwisted(String name, BananaDialect dialect, JsonElement sexp, String expected) {
    assertEquals(expected, toHex(BananaEncoder.encode(SexpJson.parse(sexp), dialect)));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("encodeVectors")
  void decodesTwistedBytesBack(String name, BananaDialect dialect, JsonElement sexp, String hex) {
    List<Sexp> out = Channels.decode(hex(hex), dialect);
    assertEquals(1, out.size());
    Sexp expected = SexpJson.parse(sexp);
    assertTrue(SexpJson.same(expected, out.get(0)), () -> SexpJson.show(out.get(0)));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("encodeVectors")
  void handlerWritesTheSameBytes(String name, BananaDialect dialect, JsonElement sexp, String hex) {
    EmbeddedChannel ch = new EmbeddedChannel(new BananaEncoder(BananaLimits.DEFAULT, dialect));
    assertTrue(ch.writeOutbound(SexpJson.parse(sexp)));
    ByteBuf buf = ch.readOutbound();
    try {
      assertEquals(hex, toHex(io.netty.buffer.ByteBufUtil.getBytes(buf)));
      assertEquals(buf.readableBytes(), buf.capacity(), "sized exactly");
    } finally {
      buf.release();
    }
    ch.finishAndReleaseAll();
  }

  /**
   * Python's {@code True} is an int and is sent as INT 1; a Java {@code Boolean} has no Banana
   * form (booleans are Jelly's {@code ["boolean", "true"]}), so this checks the int it becomes.
   */
  @Test
  void boolTrueIsIntOne() {
    JsonObject v = VECTORS.getAsJsonObject("bool");
    assertEquals("True", v.get("python").getAsString());
    Sexp one = SexpJson.parse(v.get("decodes_to"));
    assertEquals(Sexp.integer(1), one);
    assertEquals(v.get("hex_none").getAsString(), toHex(BananaEncoder.encode(one, BananaDialect.NONE)));
    assertEquals(v.get("hex_pb").getAsString(), toHex(BananaEncoder.encode(one, BananaDialect.PB)));
    assertEquals(List.of(one), Channels.decode(hex(v.get("hex_pb")), BananaDialect.PB));
  }

  static Stream<Arguments> encodeErrorVectors() {
    List<Arguments> args = new ArrayList<>();
    for (JsonElement e : VECTORS.getAsJsonArray("encode_errors")) {
      JsonObject v = e.getAsJsonObject();
      args.add(Arguments.of(v.get("description").getAsString(), v));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("encodeErrorVectors")
  void refusesWhatTwistedRefuses(String name, JsonObject v) {
    BigInteger two448 = BigInteger.ONE.shiftLeft(448);
    Sexp value;
    switch (name) {
      case "int 2**448 is too large" -> value = Sexp.integer(two448);
      case "int -(2**448) is too large" -> value = Sexp.integer(two448.negate());
      case "byte string longer than SIZE_LIMIT (655360)" -> value = Sexp.bytes(filled(655_361));
      case "list longer than SIZE_LIMIT" ->
          value = Sexp.list(Collections.nCopies(655_361, Sexp.integer(0)));
      case "byte string of exactly SIZE_LIMIT bytes is accepted" -> {
        byte[] out = BananaEncoder.encode(Sexp.bytes(filled(655_360)), BananaDialect.PB);
        assertEquals(v.get("hex_prefix").getAsString(), toHex(Arrays.copyOf(out, 4)));
        assertEquals(4 + 655_360, out.length);
        return;
      }
      case "None is not encodable" -> {
        // Java's null stands for None; the message is ours (a Sexp cannot be a Python type).
        List<Sexp> withNull = new ArrayList<>();
        withNull.add(null);
        assertNothingWritten(new Sexp.SList(withNull), null);
        return;
      }
      case "str is not encodable (must be bytes)", "dict is not encodable" -> {
        Assumptions.abort("not representable: Sexp is sealed to Banana's four kinds, "
            + "so a Python " + v.get("python").getAsString() + " cannot be built");
        return;
      }
      default -> throw new AssertionError("unexpected vector: " + name);
    }
    JsonObject error = v.getAsJsonObject("error");
    assertEquals(BananaException.BANANA_ERROR, error.get("type").getAsString());
    BananaEncodingException e = assertNothingWritten(value, error.get("message").getAsString());
    assertEquals(BananaException.BANANA_ERROR, e.pythonType());
  }

  /** Refusal in both dialects, via every entry point; nothing reaches the buffer or the wire. */
  private static BananaEncodingException assertNothingWritten(Sexp value, String message) {
    BananaEncodingException last = null;
    for (BananaDialect dialect : BananaDialect.values()) {
      BananaEncodingException e = assertThrows(
          BananaEncodingException.class, () -> BananaEncoder.encode(value, dialect));
      if (message != null) {
        assertEquals(message, e.getMessage());
      }
      ByteBuf out = Unpooled.buffer();
      try {
        out.writeByte(0x2a);
        assertThrows(BananaEncodingException.class,
            () -> BananaEncoder.encode(value, dialect, BananaLimits.DEFAULT, out));
        assertEquals(1, out.writerIndex(), "nothing written");
      } finally {
        out.release();
      }
      EmbeddedChannel ch = new EmbeddedChannel(new BananaEncoder(BananaLimits.DEFAULT, dialect));
      var future = ch.writeAndFlush(value);
      assertInstanceOf(BananaEncodingException.class, future.cause().getCause());
      assertNull(ch.readOutbound());
      assertTrue(ch.isOpen(), "a refused write leaves the connection usable");
      ch.finishAndReleaseAll();
      last = e;
    }
    return last;
  }

  static Stream<Arguments> decodeVectors() {
    List<Arguments> args = new ArrayList<>();
    for (JsonElement e : VECTORS.getAsJsonArray("decode")) {
      JsonObject v = e.getAsJsonObject();
      args.add(Arguments.of(v.get("description").getAsString(), v));
    }
    return args.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("decodeVectors")
  void decodesEdgeCasesLikeTwisted(String name, JsonObject v) {
    BananaDialect dialect = v.get("dialect").getAsString().equals("pb") ? BananaDialect.PB : BananaDialect.NONE;
    byte[] bytes = hex(v.get("hex"));
    if (v.get("error").isJsonNull()) {
      List<Sexp> expected = new ArrayList<>();
      for (JsonElement r : v.getAsJsonArray("results")) {
        expected.add(SexpJson.parse(r));
      }
      List<Sexp> whole = Channels.decode(bytes, dialect);
      assertSame(expected, whole);
      int[] everyByte = new int[bytes.length];
      Arrays.setAll(everyByte, i -> i);
      assertSame(expected, Channels.decode(bytes, BananaLimits.DEFAULT, dialect, everyByte));
    } else {
      JsonObject error = v.getAsJsonObject("error");
      DecoderException d = assertThrows(DecoderException.class, () -> Channels.decode(bytes, dialect));
      BananaProtocolException e = assertInstanceOf(BananaProtocolException.class, d.getCause());
      assertEquals(error.get("type").getAsString(), e.pythonType());
      assertEquals(error.get("message").getAsString(), e.getMessage());
    }
  }

  /** An incomplete tail decodes once the rest arrives. */
  @Test
  void incompleteTailsCompleteLater() {
    assertSame(List.of(Sexp.ascii("abcde")),
        Channels.decode(hex("05826162636465"), BananaLimits.DEFAULT, BananaDialect.NONE, 4));
    assertSame(List.of(Sexp.floating(1.5)),
        Channels.decode(hex("843ff8000000000000"), BananaLimits.DEFAULT, BananaDialect.NONE, 3));
    assertSame(List.of(Sexp.list(Sexp.integer(1), Sexp.integer(2))),
        Channels.decode(hex("028001810281"), BananaLimits.DEFAULT, BananaDialect.NONE, 4));
  }

  @Test
  void constantsMatchTwisted() {
    JsonObject c = VECTORS.getAsJsonObject("constants");
    assertEquals(BananaLimits.SIZE_LIMIT, c.get("SIZE_LIMIT").getAsInt());
    assertEquals(BananaLimits.PREFIX_LIMIT, c.get("prefix_limit").getAsInt());
    JsonObject types = c.getAsJsonObject("type_bytes");
    assertEquals(BananaConstants.LIST, Integer.parseInt(types.get("LIST").getAsString(), 16));
    assertEquals(BananaConstants.INT, Integer.parseInt(types.get("INT").getAsString(), 16));
    assertEquals(BananaConstants.STRING, Integer.parseInt(types.get("STRING").getAsString(), 16));
    assertEquals(BananaConstants.NEG, Integer.parseInt(types.get("NEG").getAsString(), 16));
    assertEquals(BananaConstants.FLOAT, Integer.parseInt(types.get("FLOAT").getAsString(), 16));
    assertEquals(BananaConstants.LONGINT, Integer.parseInt(types.get("LONGINT").getAsString(), 16));
    assertEquals(BananaConstants.LONGNEG, Integer.parseInt(types.get("LONGNEG").getAsString(), 16));
    assertEquals(BananaConstants.VOCAB, Integer.parseInt(types.get("VOCAB").getAsString(), 16));
    var vocabulary = c.getAsJsonArray("pb_vocabulary");
    assertEquals(Vocabulary.SIZE, vocabulary.size());
    for (JsonElement e : vocabulary) {
      int index = e.getAsJsonArray().get(0).getAsInt();
      String word = e.getAsJsonArray().get(1).getAsString();
      assertEquals(word, Vocabulary.word(index));
      assertEquals(index, Vocabulary.indexOf(word.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
    List<String> dialects = new ArrayList<>();
    c.getAsJsonArray("known_dialects_in_server_order").forEach(d -> dialects.add(d.getAsString()));
    assertEquals(dialects, BananaCodec.DEFAULT_DIALECTS.stream().map(BananaDialect::wireName).toList());
    BigInteger largest = new BigInteger(c.getAsJsonObject("largest_int").get("i").getAsString());
    assertEquals(BigInteger.ONE.shiftLeft(7 * BananaLimits.PREFIX_LIMIT).subtract(BigInteger.ONE), largest);
    var intRange = c.getAsJsonArray("int_range_for_INT_NEG");
    assertEquals(BananaConstants.SMALLEST_INT, intRange.get(0).getAsLong());
    assertEquals(BananaConstants.LARGEST_INT, intRange.get(1).getAsLong());
  }

  /** The PB call of BANANA.md §6, in the {@code pb} dialect. */
  @Test
  void encodesThePbCallExample() {
    Sexp call = Sexp.list(
        Sexp.ascii("message"), Sexp.integer(1), Sexp.ascii("root"), Sexp.ascii("echo"),
        Sexp.integer(1), Sexp.list(Sexp.ascii("tuple"), Sexp.integer(42)),
        Sexp.list(Sexp.ascii("dictionary")));
    String expected = "0780" + "1a87" + "0181" + "0482726f6f74" + "04826563686f" + "0181"
        + "02800b872a81" + "01800587";
    assertEquals(expected, toHex(BananaEncoder.encode(call, BananaDialect.PB)));
    assertEquals(List.of(call), Channels.decode(hex(expected), BananaDialect.PB));
  }

  private static void assertSame(List<Sexp> expected, List<Sexp> actual) {
    assertNotNull(actual);
    assertEquals(expected.size(), actual.size(), () -> "results: " + actual.stream().map(SexpJson::show).toList());
    for (int i = 0; i < expected.size(); i++) {
      Sexp a = actual.get(i);
      assertTrue(SexpJson.same(expected.get(i), a), () -> SexpJson.show(a));
    }
  }

  private static byte[] filled(int n) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) 'x');
    return b;
  }
}
