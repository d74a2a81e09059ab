package dev.spindle.pb.jelly;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable byte string: Python's {@code bytes}. Unjelly gives one for every bare Banana byte
 * string, so that received bytes compare by content and can be dictionary keys and set elements
 * (a {@code byte[]} cannot). Jelly accepts it as well as {@code byte[]}.
 *
 * <p>Immutable and thread-safe. Factories copy their argument; {@link #toByteArray()} returns a
 * copy. {@link #toString()} is Python's {@code repr}, for example {@code b'a\x00'}.
 */
public final class ByteString implements Comparable<ByteString> {
  private static final ByteString EMPTY = new ByteString(new byte[0]);

  private final byte[] bytes;

  /** Trusted constructor: takes ownership of {@code bytes} without copying. */
  ByteString(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Returns the empty byte string.
   *
   * @return the shared empty instance
   */
  public static ByteString empty() {
    return EMPTY;
  }

  /**
   * Returns a byte string holding a copy of {@code bytes}.
   *
   * @param bytes the bytes to copy; later changes to the array do not show
   * @return a new byte string holding the copy
   */
  public static ByteString of(byte... bytes) {
    return new ByteString(bytes.clone());
  }

  /**
   * Returns a byte string holding a copy of {@code bytes[offset, offset + length)}.
   *
   * @param bytes the array to copy from
   * @param offset the index of the first byte to copy
   * @param length the number of bytes to copy, 0 or more
   * @return a new byte string holding the copy
   * @throws IndexOutOfBoundsException if the range is not within {@code bytes}
   */
  public static ByteString of(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return new ByteString(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /**
   * Returns the UTF-8 encoding of {@code text} (lone surrogates become {@code ?}).
   *
   * @param text any text
   * @return a new byte string of its UTF-8 encoding
   */
  public static ByteString encodeUtf8(String text) {
    return new ByteString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Returns the ASCII text {@code ascii} as bytes; every char must be below 128.
   *
   * @param ascii text whose chars are all below 128
   * @return a new byte string, one byte per char
   */
  public static ByteString ascii(String ascii) {
    byte[] b = new byte[ascii.length()];
    for (int i = 0; i < b.length; i++) {
      char c = ascii.charAt(i);
      if (c > 0x7f) {
        throw new IllegalArgumentException("ascii: " + ascii + " (expected: ASCII only; char " + i + " is not)");
      }
      b[i] = (byte) c;
    }
    return new ByteString(b);
  }

  /** {@return the number of bytes} */
  public int size() {
    return bytes.length;
  }

  /**
   * The byte at {@code index}.
   *
   * @param index the position, 0 to {@code size() - 1}
   * @return the byte at that position
   * @throws ArrayIndexOutOfBoundsException if {@code index} is out of range
   */
  public byte get(int index) {
    return bytes[index];
  }

  /**
   * Returns a copy of the bytes.
   *
   * @return a new array, owned by the caller
   */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The instance's own array, for this package only: never modify or leak it. */
  byte[] internalArray() {
    return bytes;
  }

  /**
   * Decodes the bytes as UTF-8, replacing malformed input with U+FFFD.
   *
   * @return the text, never {@code null}
   */
  public String utf8() {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Compares unsigned bytes lexicographically, as Python orders {@code bytes}. */
  @Override
  public int compareTo(ByteString o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteString && Arrays.equals(bytes, ((ByteString) o).bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  /** Python's {@code repr(bytes)}: {@code b'...'}, or {@code b"..."} if the bytes hold a quote. */
  @Override
  public String toString() {
    return PythonText.bytesRepr(bytes);
  }
}
