package dev.spindle.pb.banana;

import dev.spindle.testing.LeakChecked;
import dev.spindle.cred.testing.Gens;
import dev.spindle.cred.testing.Theories;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Round trips, chunking and junk input, over random s-expressions. */
@LeakChecked
class BananaPropertiesTest {
  private static final BigInteger LARGEST = BigInteger.ONE.shiftLeft(448).subtract(BigInteger.ONE);
  private static final BigInteger[] BOUNDARIES = {
    BigInteger.ZERO,
    BigInteger.ONE.shiftLeft(31),
    BigInteger.ONE.shiftLeft(31).negate(),
    BigInteger.ONE.shiftLeft(63),
    BigInteger.ONE.shiftLeft(63).negate(),
    BigInteger.ONE.shiftLeft(64),
    BigInteger.ONE.shiftLeft(64).negate(),
    LARGEST,
    LARGEST.negate(),
  };

  @Test
  void roundTripsInBothDialects() {
    Theories.qt(620).forAll(sexps()).checkAssert(BananaPropertiesTest::roundTripsInBothDialects);
  }

  static void roundTripsInBothDialects(Sexp sexp) {
    for (BananaDialect dialect : BananaDialect.values()) {
      byte[] bytes = BananaEncoder.encode(sexp, dialect);
      assertEquals(bytes.length, BananaEncoder.encodedLength(sexp, dialect, BananaLimits.DEFAULT));
      List<Sexp> out = Channels.decode(bytes, dialect);
      assertEquals(1, out.size());
      assertTrue(SexpJson.same(sexp, out.get(0)), () -> SexpJson.show(out.get(0)));
      assertArrayEquals(bytes, BananaEncoder.encode(out.get(0), dialect));
    }
  }

  @Test
  void decodesTheSameUnderAnySplit() {
    Theories.qt(330)
        .forAll(Gens.lists(sexps(), 1, 4), Gens.lists(Gens.ints(0, 10_000), 0, 12), dialects())
        .checkAssert(BananaPropertiesTest::decodesTheSameUnderAnySplit);
  }

  static void decodesTheSameUnderAnySplit(List<Sexp> sexps, List<Integer> cutsPerMille, BananaDialect dialect) {
    ByteArrayOutputStream stream = new ByteArrayOutputStream();
    for (Sexp s : sexps) {
      stream.writeBytes(BananaEncoder.encode(s, dialect));
    }
    byte[] bytes = stream.toByteArray();
    TreeSet<Integer> cuts = new TreeSet<>();
    for (int c : cutsPerMille) {
      cuts.add((int) ((long) c * bytes.length / 10_000));
    }
    List<Sexp> out = Channels.decode(bytes, BananaLimits.DEFAULT, dialect,
        cuts.stream().mapToInt(Integer::intValue).toArray());
    assertEquals(sexps.size(), out.size());
    for (int i = 0; i < out.size(); i++) {
      assertTrue(SexpJson.same(sexps.get(i), out.get(i)));
    }
  }

  /**
   * Random junk yields only Sexps or a BananaProtocolException, then nothing; it never leaks
   * (LeakChecked) and never allocates anywhere near what a header announces.
   */
  @Test
  void junkYieldsOnlyBananaErrorsAndAllocatesLittle() {
    Theories.qt(2100)
        .forAll(junk(), Gens.lists(Gens.ints(0, 400), 0, 8), dialects(), Gens.ints(1, 12))
        .checkAssert(BananaPropertiesTest::junkYieldsOnlyBananaErrorsAndAllocatesLittle);
  }

  static void junkYieldsOnlyBananaErrorsAndAllocatesLittle(
      byte[] junk, List<Integer> cuts, BananaDialect dialect, int maxDepth) {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    warmUp();
    BananaLimits limits = BananaLimits.builder().maxDepth(maxDepth).build();
    EmbeddedChannel ch = Channels.decoderChannel(limits, dialect);
    try {
      TreeSet<Integer> points = new TreeSet<>(cuts);
      points.add(junk.length);
      int from = 0;
      boolean failed = false;
      long before = threads.getCurrentThreadAllocatedBytes();
      for (int to : points) {
        if (to > junk.length || to <= from) {
          continue;
        }
        boolean failedBefore = failed;
        try {
          ch.writeInbound(Unpooled.copiedBuffer(junk, from, to - from));
        } catch (DecoderException e) {
          assertInstanceOf(BananaProtocolException.class, e.getCause());
          failed = true;
        }
        from = to;
        for (Object o; (o = ch.readInbound()) != null; ) {
          // Expressions completed before the error, in the same chunk, were emitted.
          assertInstanceOf(Sexp.class, o);
          if (failedBefore) {
            assertNull(o, "nothing after an error");
          }
        }
      }
      long allocated = threads.getCurrentThreadAllocatedBytes() - before;
      assertTrue(allocated < 512 * 1024, () -> "allocated " + allocated + " bytes for " + junk.length);
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  private static boolean warm;

  /** Loads the classes of every path once, so that class loading is not counted as allocation. */
  private static void warmUp() {
    if (warm) {
      return;
    }
    warm = true;
    String[] inputs = {
      "0280018105826162" + "84" + "3ff0000000000000" + "7f".repeat(20) + "86" + "0f87",
      "c0", "2087", "0187", "00002880" + "00002882", "01".repeat(70), "01".repeat(70) + "81",
      "0180".repeat(20), "01002882", "01002880",
    };
    for (BananaDialect dialect : BananaDialect.values()) {
      for (String hex : inputs) {
        try {
          Channels.decode(dev.spindle.testing.Vectors.hex(hex),
              BananaLimits.builder().maxDepth(5).build(), dialect, 3);
        } catch (DecoderException expected) {
          // warming the error path too
        }
      }
    }
  }

  // ---- arbitraries -----------------------------------------------------------------------------

  static Gen<BananaDialect> dialects() {
    return Gens.constants(BananaDialect.values());
  }

  static Gen<Sexp> sexps() {
    return Gens.recursive(atoms(),
        inner -> Gens.oneOf(inner, Gens.lists(inner, 0, 4).map(l -> (Sexp) Sexp.list(l))), 5);
  }

  private static Gen<Sexp> atoms() {
    return Gens.oneOf(integers(), floats(), byteStrings());
  }

  private static Gen<Sexp> integers() {
    Gen<BigInteger> nearBoundary = Gens.constants(BOUNDARIES)
        .zip(Gens.ints(-2, 2), (b, d) -> b.add(BigInteger.valueOf(d)))
        .map(v -> v.abs().compareTo(LARGEST) <= 0 ? v : LARGEST.multiply(BigInteger.valueOf(v.signum())));
    return Gens.oneOf(
        Gens.longs().map(Sexp::integer),
        Gens.ints().map(Sexp::integer),
        nearBoundary.map(Sexp::integer),
        Gens.bigIntegers(448).map(Sexp::integer));
  }

  private static Gen<Sexp> floats() {
    return Gens.oneOf(
        Gens.doubles().map(Sexp::floating),
        Gens.constants(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL).map(Sexp::floating),
        Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).map(bits -> Sexp.floating(Double.longBitsToDouble(bits))));
  }

  private static Gen<Sexp> byteStrings() {
    List<String> words = new ArrayList<>();
    for (int i = 1; i <= Vocabulary.SIZE; i++) {
      words.add(Vocabulary.word(i));
    }
    words.addAll(List.of("pb", "none", "unicode", "Non", "lists", "NONE", ""));
    return Gens.oneOf(
        Gens.bytes(0, 40).map(Sexp::bytes),
        Gens.bytes(120, 300).map(Sexp::bytes),
        Gens.choose(words).map(w -> Sexp.bytes(w.getBytes(StandardCharsets.US_ASCII))));
  }

  /** Random bytes mixed with fragments that stress the limits. */
  static Gen<byte[]> junk() {
    Gen<byte[]> fragment = Gens.oneOf(
        Gens.bytes(0, 16),
        Gens.constants(
            new byte[] {0x00, 0x00, 0x28, (byte) 0x82}, // string of 655360
            new byte[] {0x7f, 0x7f, 0x27, (byte) 0x82}, // string of 655359
            new byte[] {0x00, 0x00, 0x28, (byte) 0x80}, // list of 655360
            new byte[] {0x01, 0x00, 0x28, (byte) 0x80}, // list of 655361
            new byte[] {0x01, (byte) 0x80},
            new byte[] {(byte) 0x80},
            new byte[] {0x05, (byte) 0x84},
            new byte[] {0x1f, (byte) 0x87},
            new byte[] {0x20, (byte) 0x87},
            new byte[] {0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, (byte) 0x85}),
        Gens.ints(60, 70).map(n -> new byte[n])); // long prefixes
    return Gens.lists(fragment, 0, 12).map(parts -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      parts.forEach(out::writeBytes);
      return out.toByteArray();
    });
  }
}
