package dev.spindle.pb.banana;

/** Banana's type bytes (Twisted: the module constants {@code LIST} … {@code VOCAB}). */
final class BananaConstants {
  static final int LIST = 0x80;
  static final int INT = 0x81;
  static final int STRING = 0x82;
  static final int NEG = 0x83;
  static final int FLOAT = 0x84;
  static final int LONGINT = 0x85;
  static final int LONGNEG = 0x86;
  static final int VOCAB = 0x87;

  /** Bytes after the {@code FLOAT} type byte: a big-endian IEEE-754 double. */
  static final int FLOAT_LENGTH = 8;

  /** Twisted sends {@code -2**31 <= v <= 2**31 - 1} as INT/NEG, anything larger as LONG*. */
  static final long SMALLEST_INT = Integer.MIN_VALUE;

  static final long LARGEST_INT = Integer.MAX_VALUE;

  private BananaConstants() {}
}
