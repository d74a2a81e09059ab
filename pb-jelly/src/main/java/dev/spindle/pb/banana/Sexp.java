package dev.spindle.pb.banana;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Banana s-expression: an integer, a float, a byte string or a list of s-expressions. This is
 * everything Banana can carry; Jelly builds Python values out of it.
 *
 * <p>Integers are {@link Int} when they fit in a {@code long} and {@link BigInt} otherwise ({@link
 * #integer(BigInteger)} normalizes), so equal values are equal records. Immutable and
 * thread-safe, except that {@link Bytes} and {@link SList} trust the arrays and lists they are
 * given (use the factories to copy).
 */
public sealed interface Sexp permits Sexp.Int, Sexp.BigInt, Sexp.Float, Sexp.Bytes, Sexp.SList {

  /** An integer in the {@code long} range. */
  record Int(long value) implements Sexp {}

  /** An integer outside the {@code long} range (Banana allows up to 448 bits). */
  record BigInt(BigInteger value) implements Sexp {
    /**
     * Creates the value; it must not fit in a long (use {@link Sexp#integer}).
     *
     * @param value the integer, outside the {@code long} range
     */
    public BigInt {
      Objects.requireNonNull(value, "value");
      if (value.bitLength() < 64) {
        throw new IllegalArgumentException("value: " + value + " (expected: outside the long range; use Sexp.integer)");
      }
    }
  }

  /** An IEEE-754 double; NaN, infinities and -0.0 are carried bit-exactly. */
  record Float(double value) implements Sexp {}

  /** A byte string. Equality is by content. */
  final class Bytes implements Sexp {
    private final byte[] value;

    /**
     * Wraps {@code value} without copying; the caller must not modify it afterwards.
     *
     * @param value the bytes, not copied
     */
    public Bytes(byte[] value) {
      this.value = Objects.requireNonNull(value, "value");
    }

    /** {@return the bytes (the instance's own array: do not modify)} */
    public byte[] value() {
      return value;
    }

    /** {@return the number of bytes} */
    public int length() {
      return value.length;
    }

    /**
     * Returns true if the bytes are the ASCII text {@code ascii}.
     *
     * @param ascii the text to compare with, one char per byte
     * @return true if the bytes equal {@code ascii}'s chars, one byte for each
     */
    public boolean is(String ascii) {
      if (value.length != ascii.length()) {
        return false;
      }
      for (int i = 0; i < value.length; i++) {
        if ((value[i] & 0xff) != ascii.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    /** {@return the bytes as ISO-8859-1 text (one char per byte), for heads and diagnostics} */
    public String asLatin1() {
      return new String(value, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes && Arrays.equals(value, ((Bytes) o).value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes[" + asLatin1() + "]";
    }
  }

  /** A list of s-expressions. */
  record SList(java.util.List<Sexp> items) implements Sexp {
    /**
     * Creates the list; the caller must not modify {@code items} afterwards.
     *
     * @param items the items, not copied
     */
    public SList {
      Objects.requireNonNull(items, "items");
    }

    /** {@return the number of items} */
    public int size() {
      return items.size();
    }

    /**
     * The item at {@code index}.
     *
     * @param index the position, 0 to {@code size() - 1}
     * @return the item at that position
     * @throws IndexOutOfBoundsException if {@code index} is out of range
     */
    public Sexp get(int index) {
      return items.get(index);
    }
  }

  /**
   * Returns the integer {@code value}.
   *
   * @param value any {@code long}
   * @return an {@link Int}, shared for small values
   */
  static Sexp integer(long value) {
    return SmallInts.of(value);
  }

  /**
   * Returns the integer {@code value}, as {@link Int} if it fits in a long.
   *
   * @param value any integer; Banana can send up to 448 bits
   * @return an {@link Int} if {@code value} fits in a {@code long}, else a {@link BigInt}
   */
  static Sexp integer(BigInteger value) {
    return value.bitLength() < 64 ? SmallInts.of(value.longValue()) : new BigInt(value);
  }

  /**
   * Returns the float {@code value}.
   *
   * @param value any double, including infinities and NaN
   * @return a {@link Float}
   */
  static Sexp floating(double value) {
    return new Float(value);
  }

  /**
   * Returns a byte string holding a copy of {@code value}.
   *
   * @param value the bytes to copy
   * @return a new byte string owning its copy
   */
  static Bytes bytes(byte[] value) {
    return new Bytes(value.clone());
  }

  /**
   * Returns the ASCII byte string {@code ascii} (for heads such as {@code "list"}).
   *
   * @param ascii ASCII text
   * @return a new byte string of the text's ASCII bytes
   */
  static Bytes ascii(String ascii) {
    return new Bytes(ascii.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Returns a list of {@code items} (copied into an unmodifiable list).
   *
   * @param items the items, none {@code null}
   * @return an unmodifiable list of the items
   */
  static SList list(Sexp... items) {
    return new SList(java.util.List.of(items));
  }

  /**
   * Returns a list of {@code items} (copied into an unmodifiable list).
   *
   * @param items the items, none {@code null}
   * @return an unmodifiable list of the items
   */
  static SList list(java.util.List<? extends Sexp> items) {
    return new SList(java.util.List.copyOf(items));
  }
}
