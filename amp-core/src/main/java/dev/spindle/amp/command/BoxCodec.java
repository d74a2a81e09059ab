package dev.spindle.amp.command;

import dev.spindle.amp.box.AmpBox;

/**
 * Writes a value's fields into a box and reads them back: the rows of an {@code AmpList}, and the
 * arguments and responses of commands. Generated code implements it; thread-safe.
 *
 * @param <T> the record type
 */
public interface BoxCodec<T> {
  /**
   * Puts the fields of {@code value} into {@code box}, leaving out absent optional ones.
   *
   * @param value the value to write; not null
   * @param box the box to write into; keys already present are replaced
   */
  void write(T value, AmpBox box);

  /**
   * Reads a value from {@code box}, ignoring keys it does not declare. Keeps no reference to the
   * box itself (its value arrays may be kept): {@link dev.spindle.amp.runtime.Responders} reuses a
   * request box for the answer.
   *
   * @param box the box to read
   * @return a new value with the box's fields
   * @throws dev.spindle.amp.exceptions.AmpArgumentException if a required key is missing or a
   *     value is bad
   */
  T read(AmpBox box);
}
