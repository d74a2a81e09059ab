package dev.spindle.amp.exceptions;

import dev.spindle.amp.internal.repr.PythonRepr;

/**
 * A key or value exceeds the AMP limits. Locally (on send) nothing was written; remotely (on
 * receipt) the connection was closed, as Twisted closes it. Twisted equivalent: {@code TooLong}.
 */
public final class TooLongException extends AmpException {
  private static final long serialVersionUID = 1L;

  /** True if a key was too long, false if a value (or a whole box) was. */
  private final boolean isKey;
  /** True if this side tried to send it, false if the peer sent it. */
  private final boolean isLocal;
  /** The offending length in bytes. */
  private final int length;

  private TooLongException(String message, boolean isKey, boolean isLocal, int length) {
    super(message);
    this.isKey = isKey;
    this.isLocal = isLocal;
    this.length = length;
  }

  /**
   * A key of {@code length} bytes was given to send (allowed: 1 to 255).
   *
   * @param length the key's length in bytes: 0, or above 255
   * @return the exception to throw; nothing was sent
   */
  public static TooLongException localKey(int length) {
    return new TooLongException(
        "local key " + (length == 0 ? "empty" : "too long: " + length) + " (expected: 1..255 bytes)",
        true, true, length);
  }

  /**
   * A value of {@code length} bytes was given to send under {@code key} (allowed: 0 to 65,535).
   *
   * @param key the key the value was to be sent under
   * @param length the value's length in bytes, above 65,535
   * @return the exception to throw; nothing was sent
   */
  public static TooLongException localValue(byte[] key, int length) {
    return new TooLongException(
        "local value " + PythonRepr.bytes(key) + " too long: " + length + " (expected: 0..65535 bytes)",
        false, true, length);
  }

  /**
   * The peer announced a key of {@code length} bytes, or a value over this side's limit.
   *
   * @param isKey true for a key, false for a value
   * @param length the announced length in bytes
   * @param limit the most bytes this side accepts for it
   * @return the exception that closes the connection
   */
  public static TooLongException remote(boolean isKey, int length, int limit) {
    return new TooLongException(
        "remote " + (isKey ? "key" : "value") + " too long: " + length + " (limit: " + limit + ")",
        isKey, false, length);
  }

  /**
   * The peer sent a box of at least {@code length} bytes, over this side's {@code limit}.
   *
   * @param length the bytes of the box read so far, at least
   * @param limit the most bytes this side accepts for one box
   * @return the exception that closes the connection
   */
  public static TooLongException remoteBox(int length, int limit) {
    return new TooLongException(
        "remote box too long: " + length + " bytes (limit: " + limit + ")", false, false, length);
  }

  /**
   * True if the key was too long, false if the value was.
   *
   * @return true for a key, false for a value or a whole box
   */
  public boolean isKey() {
    return isKey;
  }

  /**
   * True if this side tried to send it, false if the peer sent it.
   *
   * @return true for a local (send-side) refusal, false for the peer's input
   */
  public boolean isLocal() {
    return isLocal;
  }

  /**
   * The offending length in bytes.
   *
   * @return the length in bytes that exceeded the limit
   */
  public int length() {
    return length;
  }
}
