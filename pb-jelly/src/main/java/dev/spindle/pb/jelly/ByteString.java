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

  /** Returns the empty byte string. */
  public static ByteString empty() {
    return EMPTY;
  }

  /** Returns a byte string holding a copy of {@code bytes}. */
  public static ByteString of(byte... bytes) {
    return new ByteString(bytes.clone());
  }

  /** Returns a byte string holding a copy of {@code bytes[offset, offset + length)}. */
  public static ByteString of(byte[] bytes, int offset, int length) {
    Objects.checkFromIndexSize(offset, length, bytes.length);
    return new ByteString(Arrays.copyOfRange(bytes, offset, offset + length));
  }

  /** Returns the UTF-8 encoding of {@code text} (lone surrogates become {@code ?}). */
  public static ByteString encodeUtf8(String text) {
    return new ByteString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the ASCII text {@code ascii} as bytes; every char must be below 128. */
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

  /** The number of bytes. */
  public int size() {
    return bytes.length;
  }

  /** The byte at {@code index}. */
  public byte get(int index) {
    return bytes[index];
  }

  /** Returns a copy of the bytes. */
  public byte[] toByteArray() {
    return bytes.clone();
  }

  /** The instance's own array, for this package only: never modify or leak it. */
  byte[] internalArray() {
    return bytes;
  }

  /** Decodes the bytes as UTF-8, replacing malformed input with U+FFFD. */
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
