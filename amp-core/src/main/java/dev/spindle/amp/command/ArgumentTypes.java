package dev.spindle.amp.command;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.internal.repr.PythonRepr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The AMP argument types of Twisted 22.4, with their exact text forms, as {@link ArgumentType}s and
 * as allocation-free static methods for primitives (used by generated code).
 *
 * <p>Encoding writes what Twisted writes; decoding accepts what Twisted accepts (for example
 * Python's {@code int()} allows {@code " +1_000 "}), and nothing more.
 */
public final class ArgumentTypes {
  private ArgumentTypes() {}

  // ---- Integer -------------------------------------------------------------------------------

  /**
   * The most decimal digits CPython 3.11 (and 3.10.7, 3.9.14, 3.8.14, 3.7.14 and later) converts
   * between {@code int} and text by default ({@code sys.get_int_max_str_digits()}), so the most a
   * Twisted peer reads from or writes to an AMP {@code Integer}.
   */
  public static final int PYTHON_INT_MAX_STR_DIGITS = 4300;

  /**
   * AMP {@code Integer} as {@link BigInteger}, at most {@value #PYTHON_INT_MAX_STR_DIGITS} digits
   * (the sign and {@code _} not counted) as CPython's {@code int()} and {@code str()}: a larger
   * value is refused locally when sending, with an {@link AmpArgumentException} (a Twisted peer
   * would answer {@code UNKNOWN} and close the connection), and when received, with CPython's
   * {@code ValueError} text. For a peer on an older Python or with {@code
   * sys.set_int_max_str_digits(0)}, use {@link #bigInteger(int)}.
   */
  public static final ArgumentType<BigInteger> BIG_INTEGER = bigInteger(PYTHON_INT_MAX_STR_DIGITS);

  /**
   * AMP {@code Integer} as {@link BigInteger} with at most {@code maxDigits} decimal digits each
   * way (0: no limit, as Python before the limit; a value still fits in AMP's 65,535 bytes).
   *
   * @param maxDigits the most decimal digits a value may have, sign not counted; 0 for no limit
   * @return an argument type that refuses longer values both ways with an {@link
   *     AmpArgumentException}
   * @throws IllegalArgumentException if {@code maxDigits} is negative
   */
  public static ArgumentType<BigInteger> bigInteger(int maxDigits) {
    if (maxDigits < 0) {
      throw new IllegalArgumentException("maxDigits: " + maxDigits + " (expected: >= 0, 0 for no limit)");
    }
    return new ArgumentType<>() {
      @Override
      public byte[] toBytes(BigInteger value) {
        String text = value.toString();
        int digits = text.length() - (value.signum() < 0 ? 1 : 0);
        if (maxDigits > 0 && digits > maxDigits) {
          throw new AmpArgumentException("Integer: a value of " + digits + " digits (expected: at most "
              + maxDigits + "; Python: Exceeds the limit (" + maxDigits
              + " digits) for integer string conversion; use ArgumentTypes.bigInteger(0) for a peer without the limit)");
        }
        return ascii(text);
      }

      @Override
      public BigInteger fromBytes(byte[] bytes) {
        BigInteger v = IntegerText.parse(bytes);
        if (maxDigits > 0 && bytes.length > maxDigits) {
          int digits = 0;
          for (byte b : bytes) {
            if (IntegerText.isDigit(b)) {
              digits++;
            }
          }
          if (digits > maxDigits) {
            throw new AmpArgumentException("Exceeds the limit (" + maxDigits + " digits) for integer string"
                + " conversion: value has " + digits + " digits; use sys.set_int_max_str_digits() to increase the limit");
          }
        }
        return v;
      }
    };
  }

  /** AMP {@code Integer} as {@link Long}; a wire value outside the long range is an error. */
  public static final ArgumentType<Long> LONG =
      new ArgumentType<>() {
        @Override
        public byte[] toBytes(Long value) {
          return longToBytes(value);
        }

        @Override
        public Long fromBytes(byte[] bytes) {
          return bytesToLong(bytes);
        }
      };

  /** AMP {@code Integer} as {@link Integer}; a wire value outside the int range is an error. */
  public static final ArgumentType<Integer> INT =
      new ArgumentType<>() {
        @Override
        public byte[] toBytes(Integer value) {
          return longToBytes(value);
        }

        @Override
        public Integer fromBytes(byte[] bytes) {
          return bytesToInt(bytes);
        }
      };

  /**
   * Returns the AMP {@code Integer} form of {@code value}: decimal ASCII.
   *
   * @param value any long
   * @return a new array with the decimal digits, {@code -} first if negative
   */
  public static byte[] longToBytes(long value) {
    if (value == Long.MIN_VALUE) {
      return ascii(Long.toString(value));
    }
    // Straight into the array: no String on the way.
    long v = Math.abs(value);
    int digits = 1;
    for (long p = 10; digits < 19 && v >= p; p *= 10) {
      digits++;
    }
    int n = value < 0 ? digits + 1 : digits;
    byte[] out = new byte[n];
    for (int i = n - 1; i >= n - digits; i--) {
      out[i] = (byte) ('0' + (int) (v % 10));
      v /= 10;
    }
    if (value < 0) {
      out[0] = '-';
    }
    return out;
  }

  /**
   * Parses an AMP {@code Integer} into a long, as leniently as Python's {@code int()}.
   *
   * @param bytes the wire value; not modified
   * @return the parsed value
   * @throws AmpArgumentException if the bytes are not an integer or the value is outside the long
   *     range
   */
  public static long bytesToLong(byte[] bytes) {
    long fast = IntegerText.parseSimpleLong(bytes);
    if (fast != IntegerText.NOT_SIMPLE) {
      return fast;
    }
    BigInteger big = IntegerText.parse(bytes);
    if (big.bitLength() > 63) {
      throw new AmpArgumentException(
          "Integer: " + PythonRepr.bytes(bytes) + " (expected: a value in the Java long range)");
    }
    return big.longValue();
  }

  /**
   * Parses an AMP {@code Integer} into an int, as leniently as Python's {@code int()}.
   *
   * @param bytes the wire value; not modified
   * @return the parsed value
   * @throws AmpArgumentException if the bytes are not an integer or the value is outside the int
   *     range
   */
  public static int bytesToInt(byte[] bytes) {
    long v = bytesToLong(bytes);
    if (v != (int) v) {
      throw new AmpArgumentException(
          "Integer: " + PythonRepr.bytes(bytes) + " (expected: a value in the Java int range)");
    }
    return (int) v;
  }

  // ---- String, Unicode, Boolean, Path --------------------------------------------------------

  /** AMP {@code String}: raw bytes, unchanged. Decoding copies nothing further. */
  public static final ArgumentType<byte[]> STRING =
      new ArgumentType<>() {
        @Override
        public byte[] toBytes(byte[] value) {
          return value;
        }

        @Override
        public byte[] fromBytes(byte[] bytes) {
          return bytes;
        }
      };

  /** AMP {@code Unicode}: UTF-8; decoding is strict (invalid bytes and surrogates are errors). */
  public static final ArgumentType<String> UNICODE =
      new ArgumentType<>() {
        @Override
        public byte[] toBytes(String value) {
          return stringToBytes(value);
        }

        @Override
        public String fromBytes(byte[] bytes) {
          return bytesToString(bytes);
        }
      };

  /**
   * Returns the UTF-8 form of {@code value}.
   *
   * @param value the text to send; not null
   * @return a new array with the UTF-8 encoding
   * @throws AmpArgumentException if the string has an unpaired surrogate (Python refuses those)
   */
  public static byte[] stringToBytes(String value) {
    for (int i = 0, n = value.length(); i < n; i++) {
      char c = value.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < n
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
          continue;
        }
        throw new AmpArgumentException(
            "Unicode: unpaired surrogate at index " + i + " (expected: valid UTF-16)");
      }
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes strict UTF-8, as Python's {@code bytes.decode("utf-8")}: overlong forms, encoded
   * surrogates and values above U+10FFFF are errors, with Python's message (e.g. {@code 'utf-8'
   * codec can't decode byte 0xff in position 0: invalid start byte}).
   *
   * @param bytes the wire value; not modified
   * @return the decoded text
   * @throws AmpArgumentException if the bytes are not valid UTF-8, with Python's message
   */
  public static String bytesToString(byte[] bytes) {
    boolean ascii = true;
    for (byte b : bytes) {
      if (b < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new AmpArgumentException(Utf8Errors.message(bytes), e);
    }
  }

  private static final byte[] TRUE = ascii("True");
  private static final byte[] FALSE = ascii("False");

  /** AMP {@code Boolean}: exactly {@code True} or {@code False}. */
  public static final ArgumentType<Boolean> BOOLEAN =
      new ArgumentType<>() {
        @Override
        public byte[] toBytes(Boolean value) {
          return booleanToBytes(value);
        }

        @Override
        public Boolean fromBytes(byte[] bytes) {
          return bytesToBoolean(bytes);
        }
      };

  /**
   * Returns {@code True} or {@code False}.
   *
   * @param value the boolean to send
   * @return a new array with {@code True} or {@code False} in ASCII
   */
  public static byte[] booleanToBytes(boolean value) {
    return value ? TRUE.clone() : FALSE.clone();
  }

  /**
   * Parses exactly {@code True} or {@code False}, as Twisted does.
   *
   * @param bytes the wire value; not modified
   * @return true for {@code True}, false for {@code False}
   * @throws AmpArgumentException for any other bytes
   */
  public static boolean bytesToBoolean(byte[] bytes) {
    if (java.util.Arrays.equals(bytes, TRUE)) {
      return true;
    }
    if (java.util.Arrays.equals(bytes, FALSE)) {
      return false;
    }
    throw new AmpArgumentException(
        "Bad boolean value: " + PythonRepr.bytes(bytes) + " (expected: True or False)");
  }

  /** AMP {@code Path}: the path's text in UTF-8. */
  public static final ArgumentType<Path> PATH =
      new ArgumentType<>() {
        @Override
        public byte[] toBytes(Path value) {
          return stringToBytes(value.toString());
        }

        @Override
        public Path fromBytes(byte[] bytes) {
          String text = bytesToString(bytes);
          try {
            return Path.of(text);
          } catch (InvalidPathException e) {
            throw new AmpArgumentException("Path: " + text + " (expected: a valid path)", e);
          }
        }
      };

  // ---- Float, Decimal, DateTime ----------------------------------------------------------------

  /** AMP {@code Float}: Python's {@code repr(float)}; decoding as Python's {@code float()}. */
  public static final ArgumentType<Double> FLOAT =
      new ArgumentType<>() {
        @Override
        public byte[] toBytes(Double value) {
          return doubleToBytes(value);
        }

        @Override
        public Double fromBytes(byte[] bytes) {
          return bytesToDouble(bytes);
        }
      };

  /**
   * Returns Python's {@code repr(value)} in ASCII: {@code 1e+16}, {@code 0.1}, {@code nan}.
   *
   * @param value any double, NaN and infinities included
   * @return a new array with the ASCII text
   */
  public static byte[] doubleToBytes(double value) {
    return ascii(FloatText.repr(value));
  }

  /**
   * Parses a float as Python's {@code float(bytes)}.
   *
   * @param bytes the wire value; not modified
   * @return the parsed value
   */
  public static double bytesToDouble(byte[] bytes) {
    return FloatText.parse(bytes);
  }

  /** AMP {@code Decimal} with every value Python's {@code Decimal} has (-0, NaN, Infinity). */
  public static final ArgumentType<AmpDecimal> DECIMAL =
      new ArgumentType<>() {
        @Override
        public byte[] toBytes(AmpDecimal value) {
          return ascii(value.toString());
        }

        @Override
        public AmpDecimal fromBytes(byte[] bytes) {
          return AmpDecimal.parse(bytes);
        }
      };

  /**
   * AMP {@code Decimal} as {@link BigDecimal}. Infinities and NaNs cannot be received into it (an
   * {@link AmpArgumentException}); {@code -0} arrives as zero.
   */
  public static final ArgumentType<BigDecimal> BIG_DECIMAL =
      new ArgumentType<>() {
        @Override
        public byte[] toBytes(BigDecimal value) {
          return ascii(AmpDecimal.of(value).toString());
        }

        @Override
        public BigDecimal fromBytes(byte[] bytes) {
          return AmpDecimal.parse(bytes).toBigDecimal();
        }
      };

  /**
   * AMP {@code DateTime} as {@link OffsetDateTime}: {@code YYYY-MM-DDTHH:MM:SS.ffffff±HH:MM}, 32
   * ASCII characters. Sending truncates to microseconds and writes a zero offset as {@code -00:00},
   * as Twisted does. Receiving refuses an offset beyond ±18:00, which Twisted accepts (up to
   * ±23:59) but {@code OffsetDateTime} cannot hold; {@link #AMP_DATE_TIME} takes every offset.
   */
  public static final ArgumentType<OffsetDateTime> DATE_TIME =
      new ArgumentType<>() {
        @Override
        public byte[] toBytes(OffsetDateTime value) {
          return DateTimeText.format(value);
        }

        @Override
        public OffsetDateTime fromBytes(byte[] bytes) {
          return DateTimeText.parse(bytes);
        }
      };

  /**
   * AMP {@code DateTime} as {@link AmpDateTime}: every value Twisted accepts, offsets up to
   * ±23:59. The same text as {@link #DATE_TIME}.
   */
  public static final ArgumentType<AmpDateTime> AMP_DATE_TIME =
      new ArgumentType<>() {
        @Override
        public byte[] toBytes(AmpDateTime value) {
          return DateTimeText.format(value);
        }

        @Override
        public AmpDateTime fromBytes(byte[] bytes) {
          return DateTimeText.parseAny(bytes);
        }
      };

  // ---- ListOf, AmpList, Descriptor -----------------------------------------------------------

  /**
   * AMP {@code ListOf(element)}: each element as a 16-bit length and its bytes, concatenated. As in
   * Twisted, a truncated trailing element is dropped on decoding.
   *
   * @param <T> the element's Java type
   * @param element the type of each element; not null
   * @return an argument type for lists of {@code element}; decoded lists are unmodifiable
   */
  public static <T> ArgumentType<List<T>> listOf(ArgumentType<T> element) {
    Objects.requireNonNull(element, "element");
    return new ArgumentType<>() {
      @Override
      public byte[] toBytes(List<T> value) {
        List<byte[]> parts = new ArrayList<>(value.size());
        int total = 0;
        for (T item : value) {
          byte[] b = element.toBytes(item);
          if (b.length > AmpKeys.MAX_VALUE_LENGTH) {
            throw new AmpArgumentException(
                "ListOf element: " + b.length + " bytes (expected: at most 65535)");
          }
          parts.add(b);
          total += 2 + b.length;
        }
        byte[] out = new byte[total];
        int p = 0;
        for (byte[] b : parts) {
          out[p++] = (byte) (b.length >>> 8);
          out[p++] = (byte) b.length;
          System.arraycopy(b, 0, out, p, b.length);
          p += b.length;
        }
        return out;
      }

      @Override
      public List<T> fromBytes(byte[] bytes) {
        List<T> out = new ArrayList<>();
        int p = 0;
        while (p + 2 <= bytes.length) {
          int n = ((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff);
          p += 2;
          if (p + n > bytes.length) {
            break; // Twisted's quirk: a truncated trailing element is silently dropped.
          }
          byte[] item = java.util.Arrays.copyOfRange(bytes, p, p + n);
          out.add(element.fromBytes(item));
          p += n;
        }
        return Collections.unmodifiableList(out);
      }
    };
  }

  /**
   * AMP {@code AmpList}: each row as a complete box, concatenated. As in Twisted, decoding keeps
   * the complete boxes and silently drops a truncated trailing one (Twisted feeds the value to its
   * streaming box parser, which simply waits for more data); a key length above 255 is an error.
   *
   * @param <T> the row's Java type
   * @param rows the codec of each row's box; not null
   * @return an argument type for lists of rows; decoded lists are unmodifiable
   */
  public static <T> ArgumentType<List<T>> ampList(BoxCodec<T> rows) {
    Objects.requireNonNull(rows, "rows");
    return new ArgumentType<>() {
      @Override
      public byte[] toBytes(List<T> value) {
        List<byte[]> parts = new ArrayList<>(value.size());
        int total = 0;
        for (T row : value) {
          AmpBox box = new AmpBox();
          rows.write(row, box);
          byte[] b = box.toByteArray();
          parts.add(b);
          total += b.length;
        }
        byte[] out = new byte[total];
        int p = 0;
        for (byte[] b : parts) {
          System.arraycopy(b, 0, out, p, b.length);
          p += b.length;
        }
        return out;
      }

      @Override
      public List<T> fromBytes(byte[] bytes) {
        List<AmpBox> boxes = splitBoxes(bytes);
        List<T> out = new ArrayList<>(boxes.size());
        for (AmpBox box : boxes) {
          out.add(rows.read(box));
        }
        return Collections.unmodifiableList(out);
      }
    };
  }

  /**
   * Splits an {@code AmpList} value into its complete boxes, exactly as Twisted's {@code
   * amp.parseString} does: whatever follows the last {@code 00 00} terminator is dropped.
   */
  static List<AmpBox> splitBoxes(byte[] bytes) {
    List<AmpBox> out = new ArrayList<>();
    AmpBox box = new AmpBox();
    int n = bytes.length;
    int p = 0;
    while (p + 2 <= n) {
      int keyLength = ((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff);
      if (keyLength == 0) {
        out.add(box);
        box = new AmpBox();
        p += 2;
        continue;
      }
      if (keyLength > AmpKeys.MAX_KEY_LENGTH) {
        // Twisted's parser gives up on the length prefix alone, even if the key is not there.
        throw new AmpArgumentException(
            "AmpList: key length " + keyLength + " at offset " + p + " (expected: at most 255)");
      }
      int keyEnd = p + 2 + keyLength;
      if (keyEnd + 2 > n) {
        break;
      }
      int valueLength = ((bytes[keyEnd] & 0xff) << 8) | (bytes[keyEnd + 1] & 0xff);
      int valueEnd = keyEnd + 2 + valueLength;
      if (valueEnd > n) {
        break;
      }
      box.put(
          java.util.Arrays.copyOfRange(bytes, p + 2, keyEnd),
          java.util.Arrays.copyOfRange(bytes, keyEnd + 2, valueEnd));
      p = valueEnd;
    }
    return out;
  }

  /**
   * AMP {@code Descriptor}: not possible on the JDK, which cannot pass file descriptors over UNIX
   * sockets; always throws.
   *
   * @param <T> the Java type a descriptor argument would have
   * @return never returns
   * @throws UnsupportedOperationException always
   */
  public static <T> ArgumentType<T> descriptor() {
    throw new UnsupportedOperationException(
        "AMP Descriptor arguments pass file descriptors over UNIX-domain sockets (SCM_RIGHTS),"
            + " which the JDK cannot do; use another argument type");
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
