package dev.spindle.amp.box;

import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.amp.internal.repr.PythonRepr;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One AMP box: an ordered map from byte-string keys to byte-string values.
 *
 * <p>Keys are 1 to {@value AmpKeys#MAX_KEY_LENGTH} bytes and values 0 to {@value
 * AmpKeys#MAX_VALUE_LENGTH} bytes; {@link #put} refuses anything longer with a {@link
 * TooLongException}, so a box that exists can always be sent. Putting a key again replaces its
 * value (on receipt, the later value wins, as in Twisted). Insertion order is kept; the encoder
 * writes keys sorted as unsigned bytes, as Twisted does.
 *
 * <p>The box keeps the arrays it is given and hands out its own arrays from {@link #get}: callers
 * must not modify them. Not thread-safe: a box belongs to one thread at a time. Twisted
 * equivalent: {@code twisted.protocols.amp.AmpBox}.
 *
 * <p>Small boxes are searched linearly; a box with more than 16 pairs keeps
 * a hash index, so a peer cannot make decoding quadratic by sending many distinct keys.
 */
public final class AmpBox {
  private static final byte[][] EMPTY = new byte[0][];
  /** Above this many pairs, lookups go through the hash index. */
  static final int INDEX_THRESHOLD = 16;

  /** Pair {@code i} is {@code pairs[2 * i]} (key) and {@code pairs[2 * i + 1]} (value). */
  private byte[][] pairs;
  private int size;
  /** Key to pair index; null while the box is small (or after a removal, until rebuilt). */
  private Map<Key, Integer> index;

  /** Creates an empty box with room for four pairs (it grows as needed). */
  public AmpBox() {
    this(4);
  }

  /**
   * Creates an empty box with room for {@code expectedSize} pairs.
   *
   * @param expectedSize how many pairs to make room for, at least 0; more may still be put
   */
  public AmpBox(int expectedSize) {
    pairs = expectedSize == 0 ? EMPTY : new byte[2 * expectedSize][];
  }

  /**
   * Returns a new box with the same pairs in the same order. The key and value arrays are shared,
   * which is safe because boxes never modify them.
   *
   * @return a new box, independent of this one for puts and removals
   */
  public AmpBox copy() {
    AmpBox c = new AmpBox(0);
    c.pairs = Arrays.copyOf(pairs, 2 * Math.max(size, 4));
    c.size = size;
    return c;
  }

  /**
   * Returns the number of pairs in this box.
   *
   * @return the number of pairs, at least 0
   */
  public int size() {
    return size;
  }

  /**
   * Returns true if this box has no pairs.
   *
   * @return true if {@link #size()} is 0
   */
  public boolean isEmpty() {
    return size == 0;
  }

  /**
   * Puts {@code value} under {@code key}, replacing any earlier value. The box keeps both arrays.
   *
   * @param key the key, 1 to 255 bytes; not null, kept (not copied)
   * @param value the value, 0 to 65,535 bytes; not null, kept (not copied)
   * @return this box, for chaining
   * @throws TooLongException if the key is empty or longer than 255 bytes, or the value is longer
   *     than 65,535 bytes
   */
  public AmpBox put(byte[] key, byte[] value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    if (key.length == 0 || key.length > AmpKeys.MAX_KEY_LENGTH) {
      throw TooLongException.localKey(key.length);
    }
    if (value.length > AmpKeys.MAX_VALUE_LENGTH) {
      throw TooLongException.localValue(key, value.length);
    }
    putUnchecked(key, value);
    return this;
  }

  /**
   * Puts {@code value} under the ASCII key {@code key}. See {@link #put(byte[], byte[])}.
   *
   * @param key the key, 1 to 255 ASCII characters; not null
   * @param value the value, 0 to 65,535 bytes; not null, kept (not copied)
   * @return this box, for chaining
   */
  public AmpBox put(String key, byte[] value) {
    return put(AmpKeys.ascii(key), value);
  }

  /**
   * Puts the UTF-8 encoding of {@code value} under the ASCII key {@code key}.
   *
   * @param key the key, 1 to 255 ASCII characters; not null
   * @param value the value, at most 65,535 bytes once encoded; not null
   * @return this box, for chaining
   */
  public AmpBox putString(String key, String value) {
    return put(AmpKeys.ascii(key), value.getBytes(StandardCharsets.UTF_8));
  }

  private void putUnchecked(byte[] key, byte[] value) {
    int i = indexOf(key);
    if (i >= 0) {
      pairs[2 * i + 1] = value;
      return;
    }
    if (2 * size == pairs.length) {
      pairs = Arrays.copyOf(pairs, 2 * Math.max(4, size * 2));
    }
    pairs[2 * size] = key;
    pairs[2 * size + 1] = value;
    if (index != null) {
      index.put(new Key(key), size);
    }
    size++;
  }

  /**
   * Returns the value under {@code key}, or null. The returned array is the box's own.
   *
   * @param key the key's bytes; not null
   * @return the value, not a copy, or null if the box has no {@code key}
   */
  public byte[] get(byte[] key) {
    int i = indexOf(key);
    return i < 0 ? null : pairs[2 * i + 1];
  }

  /**
   * Returns the value under the ASCII key {@code key}, or null.
   *
   * @param key the key as ASCII characters; not null
   * @return the value, not a copy, or null if the box has no {@code key}
   */
  public byte[] get(String key) {
    int i = indexOfAscii(key);
    return i < 0 ? null : pairs[2 * i + 1];
  }

  /**
   * Returns the value under {@code key} decoded as UTF-8 (invalid bytes replaced), or null.
   *
   * @param key the key as ASCII characters; not null
   * @return the decoded value, or null if the box has no {@code key}
   */
  public String getString(String key) {
    byte[] v = get(key);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  /**
   * Returns true if the box has a value under the ASCII key {@code key}.
   *
   * @param key the key as ASCII characters; not null
   * @return true if the box has {@code key}
   */
  public boolean containsKey(String key) {
    return indexOfAscii(key) >= 0;
  }

  /**
   * Returns true if the box has a value under {@code key}.
   *
   * @param key the key's bytes; not null
   * @return true if the box has {@code key}
   */
  public boolean containsKey(byte[] key) {
    return indexOf(key) >= 0;
  }

  /**
   * Removes {@code key} and returns its value, or null if it was absent.
   *
   * @param key the key as ASCII characters; not null
   * @return the removed value, or null if the box had no {@code key}
   */
  public byte[] remove(String key) {
    int i = indexOfAscii(key);
    if (i < 0) {
      return null;
    }
    byte[] old = pairs[2 * i + 1];
    System.arraycopy(pairs, 2 * i + 2, pairs, 2 * i, 2 * (size - i - 1));
    size--;
    pairs[2 * size] = null;
    pairs[2 * size + 1] = null;
    index = null; // indexes moved; rebuilt on the next lookup if still large
    return old;
  }

  /** Removes every pair; the box keeps its room for as many as it had. */
  public void clear() {
    Arrays.fill(pairs, 0, 2 * size, null);
    size = 0;
    index = null;
  }

  /**
   * Returns the key of the {@code index}th pair in insertion order (the box's own array).
   *
   * @param index the pair's position in insertion order, 0 to {@code size() - 1}
   * @return the key, not a copy
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public byte[] keyAt(int index) {
    Objects.checkIndex(index, size);
    return pairs[2 * index];
  }

  /**
   * Returns the value of the {@code index}th pair in insertion order (the box's own array).
   *
   * @param index the pair's position in insertion order, 0 to {@code size() - 1}
   * @return the value, not a copy
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public byte[] valueAt(int index) {
    Objects.checkIndex(index, size);
    return pairs[2 * index + 1];
  }

  /**
   * Returns the keys as ASCII-decoded strings, in insertion order.
   *
   * @return an unmodifiable list of the keys, decoded as ISO-8859-1 (so ASCII keys read as
   *     themselves)
   */
  public List<String> keys() {
    List<String> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(new String(pairs[2 * i], StandardCharsets.ISO_8859_1));
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Returns the pair indexes in the order the encoder writes them: keys sorted as unsigned bytes,
   * like Twisted's {@code sorted(box.items())}. A fresh array each call.
   *
   * @return a new array of pair indexes (as {@link #keyAt} takes them) in wire order
   */
  public int[] wireOrder() {
    int[] order = new int[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    if (isSorted()) {
      return order;
    }
    if (size <= INDEX_THRESHOLD) {
      // Insertion sort: boxes are usually small.
      for (int i = 1; i < size; i++) {
        int cur = order[i];
        int j = i - 1;
        while (j >= 0 && compareUnsigned(pairs[2 * order[j]], pairs[2 * cur]) > 0) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = cur;
      }
      return order;
    }
    Integer[] boxed = new Integer[size];
    for (int i = 0; i < size; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> compareUnsigned(pairs[2 * a], pairs[2 * b]));
    for (int i = 0; i < size; i++) {
      order[i] = boxed[i];
    }
    return order;
  }

  /** Whether the keys are already in wire order (checked, not tracked: the box stays small). */
  private boolean isSorted() {
    for (int i = 1; i < size; i++) {
      if (compareUnsigned(pairs[2 * i - 2], pairs[2 * i]) > 0) {
        return false;
      }
    }
    return true;
  }

  private int indexOf(byte[] key) {
    if (size > INDEX_THRESHOLD) {
      Integer i = index().get(new Key(key));
      return i == null ? -1 : i;
    }
    int n = key.length;
    for (int i = 0; i < size; i++) {
      byte[] k = pairs[2 * i];
      // The same array (a shared key constant) is the common hit; then cheap misses.
      if (k == key || (k.length == n && sameBytes(k, key, n))) {
        return i;
      }
    }
    return -1;
  }

  /** Arrays.equals for two arrays of length n; a plain loop for short keys, the usual ones. */
  private static boolean sameBytes(byte[] a, byte[] b, int n) {
    if (n > 16) {
      return Arrays.equals(a, b);
    }
    for (int j = 0; j < n; j++) {
      if (a[j] != b[j]) {
        return false;
      }
    }
    return true;
  }

  private Map<Key, Integer> index() {
    Map<Key, Integer> m = index;
    if (m == null) {
      m = new HashMap<>(size * 2);
      for (int i = 0; i < size; i++) {
        m.put(new Key(pairs[2 * i]), i);
      }
      index = m;
    }
    return m;
  }

  private int indexOfAscii(String key) {
    int n = key.length();
    if (size > INDEX_THRESHOLD) {
      byte[] k = new byte[n];
      for (int j = 0; j < n; j++) {
        char c = key.charAt(j);
        if (c > 0xff) {
          return -1;
        }
        k[j] = (byte) c;
      }
      return indexOf(k);
    }
    outer:
    for (int i = 0; i < size; i++) {
      byte[] k = pairs[2 * i];
      if (k.length != n) {
        continue;
      }
      for (int j = 0; j < n; j++) {
        if ((k[j] & 0xff) != key.charAt(j)) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  static int compareUnsigned(byte[] a, byte[] b) {
    return Arrays.compareUnsigned(a, b);
  }

  /** A key array with value equality, for the index. */
  private static final class Key {
    /** Per process, so a peer cannot prepare keys that all land in one bucket. */
    private static final int SEED = new java.util.SplittableRandom().nextInt();

    private final byte[] bytes;
    private final int hash;

    Key(byte[] bytes) {
      this.bytes = bytes;
      this.hash = hash(bytes);
    }

    /**
     * A mixing hash: {@code Arrays.hashCode} maps short structured keys (counters, say) onto few
     * values, and the colliding keys then pile up in a handful of buckets.
     */
    private static int hash(byte[] bytes) {
      int h = SEED ^ bytes.length;
      for (byte b : bytes) {
        h = (h ^ (b & 0xff)) * 0x9E3779B1;
        h ^= h >>> 15;
      }
      h *= 0x85EBCA6B;
      return h ^ (h >>> 13);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && Arrays.equals(bytes, ((Key) o).bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof AmpBox)) {
      return false;
    }
    AmpBox other = (AmpBox) o;
    if (other.size != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      if (!Arrays.equals(pairs[2 * i + 1], other.get(pairs[2 * i]))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < size; i++) {
      h += Arrays.hashCode(pairs[2 * i]) ^ Arrays.hashCode(pairs[2 * i + 1]);
    }
    return h;
  }

  /**
   * Returns the number of bytes this box takes on the wire: per pair 2 + key + 2 + value, then 2
   * for the terminator.
   *
   * @return the encoded length in bytes, terminator included
   */
  public int encodedLength() {
    int n = 2;
    for (int i = 0; i < 2 * size; i++) {
      n += 2 + pairs[i].length;
    }
    return n;
  }

  /**
   * Returns this box's wire encoding, keys sorted as Twisted sorts them.
   *
   * @return a new array with the box's encoding, terminating empty key included
   */
  public byte[] toByteArray() {
    byte[] out = new byte[encodedLength()];
    int p = 0;
    for (int i : wireOrder()) {
      p = writeChunk(out, p, pairs[2 * i]);
      p = writeChunk(out, p, pairs[2 * i + 1]);
    }
    return out; // the last two bytes are already 00 00
  }

  private static int writeChunk(byte[] out, int p, byte[] chunk) {
    out[p] = (byte) (chunk.length >>> 8);
    out[p + 1] = (byte) chunk.length;
    System.arraycopy(chunk, 0, out, p + 2, chunk.length);
    return p + 2 + chunk.length;
  }

  /** Returns the box as {@code AmpBox{key=value, ...}} in wire order, with bytes shown as Python would. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("AmpBox{");
    int[] order = wireOrder();
    for (int n = 0; n < order.length; n++) {
      if (n > 0) {
        sb.append(", ");
      }
      sb.append(new String(pairs[2 * order[n]], StandardCharsets.ISO_8859_1)).append('=');
      sb.append(PythonRepr.bytes(pairs[2 * order[n] + 1]));
    }
    return sb.append('}').toString();
  }
}
