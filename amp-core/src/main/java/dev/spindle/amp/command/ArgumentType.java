package dev.spindle.amp.command;

/**
 * Converts one Java value to and from the bytes stored under its key in a box. The built-in types
 * are in {@link ArgumentTypes}; users add their own by implementing this (with a public
 * no-argument constructor) and naming it in {@link Argument#type()}.
 *
 * <p>Implementations must be thread-safe and should be stateless. Twisted equivalent: {@code
 * Argument.toString} / {@code fromString}.
 *
 * @param <T> the Java type
 */
public interface ArgumentType<T> {
  /**
   * Returns the wire form of {@code value} (never null).
   *
   * @param value the value to send; not null
   * @return the value's wire bytes, at most 65,535 of them to fit in a box
   * @throws dev.spindle.amp.exceptions.AmpArgumentException if the value cannot be sent
   */
  byte[] toBytes(T value);

  /**
   * Returns the value of the wire form {@code bytes}; the array must not be kept or modified.
   *
   * @param bytes the value's wire bytes; borrowed for the call only
   * @return the parsed value
   * @throws dev.spindle.amp.exceptions.AmpArgumentException if the bytes are not a valid value
   */
  T fromBytes(byte[] bytes);
}
