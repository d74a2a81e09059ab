package dev.spindle.amp.codec;

import io.netty.buffer.ByteBuf;

/**
 * Hands out one shared array for byte strings that recur on a connection (box keys, command
 * names), so decoding a box does not allocate a new {@code _ask} or {@code _command} each time.
 * Boxes never modify their arrays, so sharing them is safe.
 *
 * <p>A direct-mapped table of {@value #SLOTS} slots, each holding the last string that hashed to
 * it; strings longer than {@value #MAX_LENGTH} bytes are never cached. A peer that sends many
 * distinct keys only makes entries replace each other: the table never grows.
 *
 * <p>Not thread-safe; one per decoder.
 */
final class ByteStringCache {
  static final int SLOTS = 64;
  static final int MAX_LENGTH = 32;

  private final byte[][] table = new byte[SLOTS][];

  /**
   * Returns the {@code length} bytes of {@code in} at {@code index} as an array, the cached one if
   * it holds the same bytes. Does not move the reader index.
   */
  byte[] get(ByteBuf in, int index, int length) {
    if (length > MAX_LENGTH) {
      return copy(in, index, length);
    }
    int h = length;
    for (int i = 0; i < length; i++) {
      h = 31 * h + in.getByte(index + i);
    }
    int slot = (h ^ (h >>> 7)) & (SLOTS - 1);
    byte[] cached = table[slot];
    if (cached != null && matches(cached, in, index, length)) {
      return cached;
    }
    byte[] bytes = copy(in, index, length);
    table[slot] = bytes;
    return bytes;
  }

  private static boolean matches(byte[] cached, ByteBuf in, int index, int length) {
    if (cached.length != length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (cached[i] != in.getByte(index + i)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] copy(ByteBuf in, int index, int length) {
    byte[] bytes = new byte[length];
    in.getBytes(index, bytes);
    return bytes;
  }
}
