package dev.spindle.amp.runtime;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.command.ArgumentType;
import dev.spindle.amp.command.ArgumentTypes;
import dev.spindle.amp.command.BoxCodec;
import dev.spindle.amp.command.Request;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.exceptions.InvalidSignatureException;
import java.nio.charset.StandardCharsets;

/**
 * Runtime support for the {@link BoxCodec}s that {@code spindle-codegen} generates: reads one value
 * from a box with a message that names its key, and checks required values before they are
 * written. The primitive readers do not box. Stateless and thread-safe.
 *
 * <p>A missing required key or a value its type cannot parse is an {@link AmpArgumentException}
 * ({@code Divide: missing argument numerator}); the responder sends it as {@code UNKNOWN}, as
 * Twisted does.
 */
public final class BoxCodecs {
  /** The codec of an empty response ({@code Request<Void>}): writes nothing and reads null. */
  public static final BoxCodec<Void> EMPTY =
      new BoxCodec<>() {
        @Override
        public void write(Void value, AmpBox box) {}

        @Override
        public Void read(AmpBox box) {
          return null;
        }
      };

  private BoxCodecs() {}

  /**
   * Reads the AMP {@code Integer} under {@code key} as a long.
   *
   * @param box the box to read from; not modified
   * @param key the argument's key, pre-encoded as ASCII
   * @param owner the command or type being read, named in error messages
   * @return the value, parsed as a decimal integer
   */
  public static long readLong(AmpBox box, byte[] key, String owner) {
    byte[] bytes = require(box, key, owner);
    try {
      return ArgumentTypes.bytesToLong(bytes);
    } catch (RuntimeException e) {
      throw badValue(key, owner, e);
    }
  }

  /**
   * Reads the AMP {@code Integer} under {@code key} as an int.
   *
   * @param box the box to read from; not modified
   * @param key the argument's key, pre-encoded as ASCII
   * @param owner the command or type being read, named in error messages
   * @return the value, parsed as a decimal integer in {@code int} range
   */
  public static int readInt(AmpBox box, byte[] key, String owner) {
    byte[] bytes = require(box, key, owner);
    try {
      return ArgumentTypes.bytesToInt(bytes);
    } catch (RuntimeException e) {
      throw badValue(key, owner, e);
    }
  }

  /**
   * Reads the AMP {@code Boolean} under {@code key}.
   *
   * @param box the box to read from; not modified
   * @param key the argument's key, pre-encoded as ASCII
   * @param owner the command or type being read, named in error messages
   * @return true for {@code True}, false for {@code False}
   */
  public static boolean readBoolean(AmpBox box, byte[] key, String owner) {
    byte[] bytes = require(box, key, owner);
    try {
      return ArgumentTypes.bytesToBoolean(bytes);
    } catch (RuntimeException e) {
      throw badValue(key, owner, e);
    }
  }

  /**
   * Reads the AMP {@code Float} under {@code key}.
   *
   * @param box the box to read from; not modified
   * @param key the argument's key, pre-encoded as ASCII
   * @param owner the command or type being read, named in error messages
   * @return the value, parsed as Python's {@code float} repr (including {@code nan} and {@code
   *     inf})
   */
  public static double readDouble(AmpBox box, byte[] key, String owner) {
    byte[] bytes = require(box, key, owner);
    try {
      return ArgumentTypes.bytesToDouble(bytes);
    } catch (RuntimeException e) {
      throw badValue(key, owner, e);
    }
  }

  /**
   * Reads the AMP {@code Unicode} under {@code key}.
   *
   * @param box the box to read from; not modified
   * @param key the argument's key, pre-encoded as ASCII
   * @param owner the command or type being read, named in error messages
   * @return the value, decoded from UTF-8
   */
  public static String readString(AmpBox box, byte[] key, String owner) {
    byte[] bytes = require(box, key, owner);
    try {
      return ArgumentTypes.bytesToString(bytes);
    } catch (RuntimeException e) {
      throw badValue(key, owner, e);
    }
  }

  /**
   * Reads the AMP {@code String} (raw bytes) under {@code key}: the box's own array.
   *
   * @param box the box to read from; not modified
   * @param key the argument's key, pre-encoded as ASCII
   * @param owner the command or type being read, named in error messages
   * @return the value's bytes, not a copy: the caller must not modify them
   */
  public static byte[] readBytes(AmpBox box, byte[] key, String owner) {
    return require(box, key, owner);
  }

  /**
   * Reads the value under the required {@code key} with {@code type}.
   *
   * @param <T> the value's Java type
   * @param box the box to read from; not modified
   * @param key the argument's key, pre-encoded as ASCII
   * @param owner the command or type being read, named in error messages
   * @param type parses the value's bytes
   * @return the parsed value
   */
  public static <T> T read(AmpBox box, byte[] key, String owner, ArgumentType<T> type) {
    byte[] bytes = require(box, key, owner);
    try {
      return type.fromBytes(bytes);
    } catch (RuntimeException e) {
      throw badValue(key, owner, e);
    }
  }

  /**
   * Reads the value under the optional {@code key} with {@code type}, or null if it is absent.
   *
   * @param <T> the value's Java type
   * @param box the box to read from; not modified
   * @param key the argument's key, pre-encoded as ASCII
   * @param owner the command or type being read, named in error messages
   * @param type parses the value's bytes
   * @return the parsed value, or null if {@code key} is absent
   */
  public static <T> T readOptional(AmpBox box, byte[] key, String owner, ArgumentType<T> type) {
    byte[] bytes = box.get(key);
    if (bytes == null) {
      return null;
    }
    try {
      return type.fromBytes(bytes);
    } catch (RuntimeException e) {
      throw badValue(key, owner, e);
    }
  }

  /**
   * Returns the value of a required command argument.
   *
   * @param <T> the argument's type
   * @param value the argument's value, possibly null
   * @param message Twisted's wording, {@code forgot b for b'Sum'}
   * @return {@code value}, never null
   * @throws InvalidSignatureException if {@code value} is null
   */
  public static <T> T requireArgument(T value, String message) {
    if (value == null) {
      throw new InvalidSignatureException(message);
    }
    return value;
  }

  /**
   * Returns the value of a required response or {@code AmpList} row field.
   *
   * @param <T> the value's type
   * @param value the field's value, possibly null
   * @param message the exception's message, naming the missing field
   * @return {@code value}, never null
   * @throws AmpArgumentException with {@code message} if {@code value} is null
   */
  public static <T> T requireValue(T value, String message) {
    if (value == null) {
      throw new AmpArgumentException(message);
    }
    return value;
  }

  private static byte[] require(AmpBox box, byte[] key, String owner) {
    byte[] bytes = box.get(key);
    if (bytes == null) {
      throw new AmpArgumentException(owner + ": missing argument " + name(key));
    }
    return bytes;
  }

  private static AmpArgumentException badValue(byte[] key, String owner, RuntimeException e) {
    String why = e instanceof AmpArgumentException ? e.getMessage() : e.toString();
    return new AmpArgumentException(owner + ": argument " + name(key) + ": " + why, e);
  }

  private static String name(byte[] key) {
    return new String(key, StandardCharsets.ISO_8859_1);
  }
}
