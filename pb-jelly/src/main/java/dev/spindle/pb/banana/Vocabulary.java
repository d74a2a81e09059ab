package dev.spindle.pb.banana;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code pb} dialect's vocabulary: 31 byte strings that travel as a {@code VOCAB} index (1 to
 * 31) instead of their bytes. Index 0 and indices above 31 are undefined.
 *
 * <p>Twisted equivalent: {@code Banana.outgoingVocabulary} and {@code incomingVocabulary} in
 * {@code twisted/spread/banana.py}. Matching is exact and case-sensitive, and it applies to every
 * byte string, application data included: under {@code pb}, the value {@code b"list"} is sent as
 * {@code 08 87}.
 *
 * <p>Immutable and thread-safe; lookups do not allocate.
 */
public final class Vocabulary {
  /** The number of words; the valid indices are 1 to {@code SIZE}. */
  public static final int SIZE = 31;

  private static final String[] WORDS = {
    null,
    // Jelly data types
    "None", "class", "dereference", "reference", "dictionary", "function", "instance", "list",
    "module", "persistent", "tuple", "unpersistable",
    // PB data types
    "copy", "cache", "cached", "remote", "local", "lcache",
    // PB protocol messages
    "version", "login", "password", "challenge", "logged_in", "not_logged_in", "cachemessage",
    "message", "answer", "error", "decref", "decache", "uncache",
  };

  private static final byte[][] BYTES = new byte[SIZE + 1][];

  /** Indices of the words of each length, for lookups: {@code BY_LENGTH[len]}. */
  private static final int[][] BY_LENGTH;

  static {
    int maxLength = 0;
    for (int i = 1; i <= SIZE; i++) {
      BYTES[i] = WORDS[i].getBytes(StandardCharsets.US_ASCII);
      maxLength = Math.max(maxLength, BYTES[i].length);
    }
    BY_LENGTH = new int[maxLength + 1][];
    for (int len = 0; len <= maxLength; len++) {
      int n = 0;
      int[] indices = new int[SIZE];
      for (int i = 1; i <= SIZE; i++) {
        if (BYTES[i].length == len) {
          indices[n++] = i;
        }
      }
      BY_LENGTH[len] = Arrays.copyOf(indices, n);
    }
  }

  private Vocabulary() {}

  /**
   * Returns the index (1 to 31) of the word equal to {@code bytes}, or 0 if it is not a word.
   *
   * @param bytes the byte string to look up
   * @return the word's index, 1 to 31, or 0 if {@code bytes} is not a word
   */
  public static int indexOf(byte[] bytes) {
    int len = bytes.length;
    if (len >= BY_LENGTH.length) {
      return 0;
    }
    for (int i : BY_LENGTH[len]) {
      if (Arrays.equals(BYTES[i], bytes)) {
        return i;
      }
    }
    return 0;
  }

  /**
   * Returns true if {@code index} names a word (1 to 31).
   *
   * @param index a received {@code VOCAB} index
   * @return true if it is 1 to 31
   */
  public static boolean contains(long index) {
    return index >= 1 && index <= SIZE;
  }

  /**
   * Returns a copy of the bytes of word {@code index}.
   *
   * @param index the word's index, 1 to 31
   * @return a new array holding the word's ASCII bytes
   * @throws IllegalArgumentException if {@code index} is not 1 to 31
   */
  public static byte[] bytes(int index) {
    return checkedBytes(index).clone();
  }

  /**
   * Returns word {@code index} as ASCII text.
   *
   * @param index the word's index, 1 to 31
   * @return the word, for example {@code "remote"}
   * @throws IllegalArgumentException if {@code index} is not 1 to 31
   */
  public static String word(int index) {
    checkedBytes(index);
    return WORDS[index];
  }

  /** The word's own array (callers must not modify it). */
  static byte[] sharedBytes(int index) {
    return BYTES[index];
  }

  private static byte[] checkedBytes(int index) {
    if (!contains(index)) {
      throw new IllegalArgumentException("index: " + index + " (expected: 1.." + SIZE + ")");
    }
    return BYTES[index];
  }
}
