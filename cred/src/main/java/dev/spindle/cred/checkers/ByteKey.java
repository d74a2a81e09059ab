package dev.spindle.cred.checkers;

import java.util.Arrays;

/** A byte string usable as a map key: a username. Owns its array. */
final class ByteKey {
  private final byte[] bytes;
  private final int hash;

  private ByteKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  /** A key holding a copy of {@code bytes}. */
  static ByteKey copyOf(byte[] bytes) {
    return new ByteKey(bytes.clone());
  }

  /** A key holding {@code bytes} with ASCII upper-case letters lowered, as Python's {@code bytes.lower()}. */
  static ByteKey lowerAscii(byte[] bytes) {
    byte[] lower = bytes.clone();
    for (int i = 0; i < lower.length; i++) {
      if (lower[i] >= 'A' && lower[i] <= 'Z') {
        lower[i] += 'a' - 'A';
      }
    }
    return new ByteKey(lower);
  }

  /** A copy of the bytes. */
  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ByteKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
