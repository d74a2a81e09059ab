package dev.spindle.cred.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * QuickTheories generators that Spindle's properties share. Every value is drawn from the source
 * QuickTheories hands in, so it shrinks: numbers towards 0 (or the low end of their range), lists
 * and arrays towards empty, {@link #oneOf} towards its first choice.
 */
public final class Gens {
  private Gens() {}

  /**
   * Any long, small and large magnitudes alike: a bit length {@code b} in {@code [0, 64]}, then a
   * value in {@code [-2^b, 2^b)} (all longs at 63 and 64). No separate list of edge values: a value
   * picked from a list does not shrink (QuickTheories shrinks each draw on its own), and the first
   * examples QuickTheories runs take every draw at its limits anyway (0, MIN_VALUE, MAX_VALUE).
   */
  public static Gen<Long> longs() {
    Gen<Integer> bits = ints(0, 64);
    return in -> {
      int b = bits.generate(in);
      return b >= 63
          ? Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE).generate(in)
          : Generate.longRange(-(1L << b), (1L << b) - 1).generate(in);
    };
  }

  /** Longs in {@code [min, max]}, shrinking towards {@code min} (or 0 if it is in range). */
  public static Gen<Long> longs(long min, long max) {
    return Generate.longRange(min, max, min <= 0 && 0 <= max ? 0 : min);
  }

  /** Any int, small and large magnitudes alike, as {@link #longs()}. */
  public static Gen<Integer> ints() {
    Gen<Integer> bits = ints(0, 32);
    return in -> {
      int b = bits.generate(in);
      return b >= 31
          ? Generate.range(Integer.MIN_VALUE, Integer.MAX_VALUE).generate(in)
          : Generate.range(-(1 << b), (1 << b) - 1).generate(in);
    };
  }

  /** Ints in {@code [min, max]}, shrinking towards {@code min} (or 0 if it is in range). */
  public static Gen<Integer> ints(int min, int max) {
    return Generate.range(min, max, min <= 0 && 0 <= max ? 0 : min);
  }

  /** True or false. */
  public static Gen<Boolean> booleans() {
    return Generate.booleans();
  }

  /** Any double bit pattern (NaNs, infinities, subnormals), plain decimals and special values. */
  public static Gen<Double> doubles() {
    return oneOf(
        longs(Long.MIN_VALUE, Long.MAX_VALUE).map(Double::longBitsToDouble),
        longs(-1_000_000_000L, 1_000_000_000L).map(v -> v / 100.0),
        constants(0.0, -0.0, 1.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            -Double.MAX_VALUE));
  }

  /**
   * Sizes in {@code [min, max]}, small ones more likely: three times in four the number of
   * significant bits of {@code size - min} is drawn first (so 1-digit, 2-digit, ... sizes are about
   * as likely), else the size is uniform. Shrinks towards {@code min}.
   */
  public static Gen<Integer> sizes(int min, int max) {
    int bits = 32 - Integer.numberOfLeadingZeros(max - min);
    Gen<Integer> logUniform = ints(0, bits).flatMap(b -> ints(min, (int) Math.min(max, min + (1L << b) - 1)));
    return oneOf(logUniform, logUniform, logUniform, ints(min, max));
  }

  /** Byte arrays of {@link #sizes(int, int) min..max} arbitrary bytes. */
  public static Gen<byte[]> bytes(int min, int max) {
    Gen<Integer> sizes = sizes(min, max);
    Gen<Long> eight = longs(Long.MIN_VALUE, Long.MAX_VALUE);
    return in -> {
      // Eight bytes a draw: a byte array costs QuickTheories little to record; each draw shrinks
      // towards eight zero bytes.
      byte[] b = new byte[sizes.generate(in)];
      for (int i = 0; i < b.length; i += 8) {
        long v = eight.generate(in);
        for (int j = i; j < Math.min(b.length, i + 8); j++, v >>>= 8) {
          b[j] = (byte) v;
        }
      }
      return b;
    };
  }

  /** Byte arrays of {@link #sizes(int, int) min..max} bytes in {@code [lo, hi]}. */
  public static Gen<byte[]> bytes(int min, int max, int lo, int hi) {
    Gen<Integer> sizes = sizes(min, max);
    Gen<Long> content = longs(lo, hi);
    return in -> {
      byte[] b = new byte[sizes.generate(in)];
      for (int i = 0; i < b.length; i++) {
        b[i] = (byte) (long) content.generate(in);
      }
      return b;
    };
  }

  /** Lists of {@code min..max} elements. */
  public static <T> Gen<List<T>> lists(Gen<T> elements, int min, int max) {
    Gen<Integer> sizes = ints(min, max);
    return in -> {
      int n = sizes.generate(in);
      List<T> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(elements.generate(in));
      }
      return out;
    };
  }

  /** Lists of at most {@code max} distinct elements (a duplicate drawn is dropped). */
  public static <T> Gen<List<T>> uniqueLists(Gen<T> elements, int max) {
    return lists(elements, 0, max).map(l -> new ArrayList<>(new LinkedHashSet<>(l)));
  }

  /** Lists of exactly {@code size} elements. */
  public static <T> Gen<List<T>> lists(Gen<T> elements, int size) {
    return lists(elements, size, size);
  }

  /** One of the generators, each as likely; shrinks towards the first. */
  @SafeVarargs
  public static <T> Gen<T> oneOf(Gen<? extends T>... choices) {
    List<Gen<? extends T>> list = Arrays.asList(choices);
    Gen<Integer> index = Generate.range(0, list.size() - 1, 0);
    return in -> list.get(index.generate(in)).generate(in);
  }

  /** One of the values, each as likely; shrinks towards the first. */
  @SafeVarargs
  public static <T> Gen<T> constants(T... values) {
    return choose(List.of(values));
  }

  /** One of the values (nulls allowed), each as likely; shrinks towards the first. */
  public static <T> Gen<T> choose(List<T> values) {
    List<T> copy = new ArrayList<>(values);
    Gen<Integer> index = Generate.range(0, copy.size() - 1, 0);
    return in -> copy.get(index.generate(in));
  }

  /** Always {@code value} (which may be null). */
  public static <T> Gen<T> just(T value) {
    return in -> value;
  }

  /** {@code gen}, or null with about {@code percentNull} percent. */
  public static <T> Gen<T> orNull(Gen<T> gen, int percentNull) {
    Gen<Integer> dice = Generate.range(0, 99, 99);
    return in -> dice.generate(in) < percentNull ? null : gen.generate(in);
  }

  /** BigIntegers with {@code |v| < 2^maxBits}, small and large magnitudes alike. */
  public static Gen<BigInteger> bigIntegers(int maxBits) {
    Gen<Integer> bitLengths = ints(0, maxBits);
    Gen<Long> chunks = longs(0, Long.MAX_VALUE);
    Gen<Boolean> negative = booleans();
    return in -> {
      int bits = bitLengths.generate(in);
      BigInteger v = BigInteger.ZERO;
      for (int have = 0; have < bits; have += 63) {
        v = v.shiftLeft(63).or(BigInteger.valueOf(chunks.generate(in)));
      }
      v = v.and(BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE));
      return negative.generate(in) ? v.negate() : v;
    };
  }

  /** Strings of at most {@code max} valid code points: ASCII, the BMP and the astral planes. */
  public static Gen<String> codePointStrings(int max) {
    Gen<Integer> cp = oneOf(ints(0, 0x7f), ints(0x80, 0xd7ff), ints(0xe000, 0xffff),
        ints(0x10000, 0x10ffff));
    return lists(cp, 0, max).map(cps -> {
      StringBuilder sb = new StringBuilder();
      cps.forEach(sb::appendCodePoint);
      return sb.toString();
    });
  }

  /** Strings of at most {@code max} characters from {@code alphabet}. */
  public static Gen<String> strings(String alphabet, int max) {
    Gen<Integer> index = ints(0, alphabet.length() - 1);
    return lists(index, 0, max).map(is -> {
      StringBuilder sb = new StringBuilder();
      is.forEach(i -> sb.append(alphabet.charAt(i)));
      return sb.toString();
    });
  }

  /**
   * Recursive values: a depth is drawn in {@code [0, maxDepth]} and {@code branch} is applied that
   * many times to {@code leaves} (as jqwik's {@code Arbitraries.recursive}); a branch that should
   * also stop early offers its input among its choices. Shrinks towards a leaf.
   */
  public static <T> Gen<T> recursive(Gen<T> leaves, Function<Gen<T>, Gen<T>> branch, int maxDepth) {
    List<Gen<T>> byDepth = new ArrayList<>();
    byDepth.add(leaves);
    for (int d = 1; d <= maxDepth; d++) {
      byDepth.add(branch.apply(byDepth.get(d - 1)));
    }
    Gen<Integer> depth = ints(0, maxDepth);
    return in -> byDepth.get(depth.generate(in)).generate(in);
  }
}
