package dev.spindle.pb.banana;

import dev.spindle.amp.testing.LeakChecked;
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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

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

  @Property(tries = 500)
  void roundTripsInBothDialects(@ForAll("sexps") Sexp sexp) {
    for (BananaDialect dialect : BananaDialect.values()) {
      byte[] bytes = BananaEncoder.encode(sexp, dialect);
      assertEquals(bytes.length, BananaEncoder.encodedLength(sexp, dialect, BananaLimits.DEFAULT));
      List<Sexp> out = Channels.decode(bytes, dialect);
      assertEquals(1, out.size());
      assertTrue(SexpJson.same(sexp, out.get(0)), () -> SexpJson.show(out.get(0)));
      assertArrayEquals(bytes, BananaEncoder.encode(out.get(0), dialect));
    }
  }

  @Property(tries = 300)
  void decodesTheSameUnderAnySplit(
      @ForAll @Size(min = 1, max = 4) List<@net.jqwik.api.From("sexps") Sexp> sexps,
      @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 10_000) Integer> cutsPerMille,
      @ForAll BananaDialect dialect) {
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
  @Property(tries = 2000)
  void junkYieldsOnlyBananaErrorsAndAllocatesLittle(
      @ForAll("junk") byte[] junk,
      @ForAll @Size(max = 8) List<@IntRange(min = 0, max = 400) Integer> cuts,
      @ForAll BananaDialect dialect,
      @ForAll @IntRange(min = 1, max = 12) int maxDepth) {
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
          Channels.decode(dev.spindle.amp.testing.Vectors.hex(hex),
              BananaLimits.builder().maxDepth(5).build(), dialect, 3);
        } catch (DecoderException expected) {
          // warming the error path too
        }
      }
    }
  }

  // ---- arbitraries -----------------------------------------------------------------------------

  @Provide
  Arbitrary<Sexp> sexps() {
    return Arbitraries.recursive(this::atoms,
        inner -> Arbitraries.oneOf(inner, inner.list().ofMaxSize(4).map(Sexp::list)), 0, 5);
  }

  private Arbitrary<Sexp> atoms() {
    return Arbitraries.oneOf(integers(), floats(), byteStrings());
  }

  private Arbitrary<Sexp> integers() {
    Arbitrary<BigInteger> nearBoundary = Arbitraries.of(BOUNDARIES)
        .flatMap(b -> Arbitraries.integers().between(-2, 2).map(d -> b.add(BigInteger.valueOf(d))))
        .filter(v -> v.abs().compareTo(LARGEST) <= 0);
    return Arbitraries.oneOf(
        Arbitraries.longs().map(Sexp::integer),
        Arbitraries.integers().map(Sexp::integer),
        nearBoundary.map(Sexp::integer),
        Arbitraries.bigIntegers().between(LARGEST.negate(), LARGEST).map(Sexp::integer));
  }

  private Arbitrary<Sexp> floats() {
    return Arbitraries.oneOf(
        Arbitraries.doubles().map(Sexp::floating),
        Arbitraries.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.MIN_VALUE, Double.MAX_VALUE, Double.MIN_NORMAL).map(Sexp::floating),
        Arbitraries.longs().map(bits -> Sexp.floating(Double.longBitsToDouble(bits))));
  }

  private Arbitrary<Sexp> byteStrings() {
    List<String> words = new ArrayList<>();
    for (int i = 1; i <= Vocabulary.SIZE; i++) {
      words.add(Vocabulary.word(i));
    }
    words.addAll(List.of("pb", "none", "unicode", "Non", "lists", "NONE", ""));
    return Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Sexp::bytes),
        Arbitraries.bytes().array(byte[].class).ofMinSize(120).ofMaxSize(300).map(Sexp::bytes),
        Arbitraries.of(words).map(w -> Sexp.bytes(w.getBytes(StandardCharsets.US_ASCII))));
  }

  /** Random bytes mixed with fragments that stress the limits. */
  @Provide
  Arbitrary<byte[]> junk() {
    Arbitrary<byte[]> fragment = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMaxSize(16),
        Arbitraries.of(
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
        Arbitraries.integers().between(60, 70).map(n -> new byte[n])); // long prefixes
    return fragment.list().ofMaxSize(12).map(parts -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      parts.forEach(out::writeBytes);
      return out.toByteArray();
    });
  }
}
