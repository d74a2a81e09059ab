package dev.spindle.cli;

import dev.spindle.amp.command.AmpDecimal;
import dev.spindle.amp.command.ArgumentType;
import dev.spindle.amp.command.ArgumentTypes;
import dev.spindle.amp.exceptions.AmpArgumentException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The AMP argument types of the command line: what users type ({@code integer:13}, {@code
 * string:hex:00ff}, {@code listof-unicode:a,b}) turned into the exact bytes Twisted writes, through
 * {@link ArgumentTypes}; and received bytes shown decoded ({@code --response total=integer}).
 *
 * <p>Shown values: {@code str}, {@code bytes} and paths as Python's {@code repr}, numbers, booleans
 * and times as plain text, lists as {@code [a, b]}.
 */
final class AmpValues {
  private static final DateTimeFormatter ISO_MICROS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT);

  /** The type names, for help and error messages. */
  static final String NAMES =
      "integer, string, unicode, boolean, float, decimal, datetime, path, or listof-<one of those>";

  private AmpValues() {}

  /** A scalar AMP type. */
  enum Scalar {
    INTEGER("integer", "int") {
      @Override
      byte[] encode(String text) {
        // Python's int(): signs, blanks and underscores as Python allows; sent canonical.
        return ArgumentTypes.BIG_INTEGER.toBytes(ArgumentTypes.BIG_INTEGER.fromBytes(ascii(text)));
      }

      @Override
      String show(byte[] wire) {
        BigInteger v = ArgumentTypes.BIG_INTEGER.fromBytes(wire);
        return v.toString();
      }
    },
    STRING("string", "bytes") {
      @Override
      byte[] encode(String text) {
        if (text.startsWith("hex:")) {
          try {
            return HexFormat.of().parseHex(text.substring(4));
          } catch (IllegalArgumentException e) {
            throw new AmpArgumentException(
                "string: " + text + " (expected: hex: and an even number of hex digits)");
          }
        }
        if (text.startsWith("text:")) {
          return text.substring(5).getBytes(StandardCharsets.UTF_8);
        }
        return text.getBytes(StandardCharsets.UTF_8);
      }

      @Override
      String show(byte[] wire) {
        return PyText.bytes(wire);
      }
    },
    UNICODE("unicode", "str") {
      @Override
      byte[] encode(String text) {
        return ArgumentTypes.UNICODE.toBytes(text);
      }

      @Override
      String show(byte[] wire) {
        return PyText.str(ArgumentTypes.UNICODE.fromBytes(wire));
      }
    },
    BOOLEAN("boolean", "bool") {
      @Override
      byte[] encode(String text) {
        if (text.equalsIgnoreCase("true")) {
          return ArgumentTypes.booleanToBytes(true);
        }
        if (text.equalsIgnoreCase("false")) {
          return ArgumentTypes.booleanToBytes(false);
        }
        throw new AmpArgumentException("boolean: " + text + " (expected: true or false)");
      }

      @Override
      String show(byte[] wire) {
        return ArgumentTypes.bytesToBoolean(wire) ? "True" : "False";
      }
    },
    FLOAT("float") {
      @Override
      byte[] encode(String text) {
        // Python's float(): 1.5, 1e16, inf, nan; sent as Python's repr (1e+16).
        return ArgumentTypes.doubleToBytes(ArgumentTypes.bytesToDouble(ascii(text)));
      }

      @Override
      String show(byte[] wire) {
        return PyText.floating(ArgumentTypes.bytesToDouble(wire));
      }
    },
    DECIMAL("decimal") {
      @Override
      byte[] encode(String text) {
        return ArgumentTypes.DECIMAL.toBytes(AmpDecimal.parse(text));
      }

      @Override
      String show(byte[] wire) {
        return ArgumentTypes.DECIMAL.fromBytes(wire).toString();
      }
    },
    DATETIME("datetime") {
      @Override
      byte[] encode(String text) {
        OffsetDateTime value;
        if (text.equals("now")) {
          value = OffsetDateTime.now(ZoneOffset.UTC);
        } else {
          try {
            value = OffsetDateTime.parse(text);
          } catch (DateTimeParseException e) {
            // Twisted's own form, -00:00 included.
            try {
              value = ArgumentTypes.DATE_TIME.fromBytes(ascii(text));
            } catch (AmpArgumentException e2) {
              throw new AmpArgumentException(
                  "datetime: " + text
                      + " (expected: ISO-8601 with an offset, such as 2012-01-23T12:34:56.054321+01:00 or ...Z, or now)");
            }
          }
        }
        return ArgumentTypes.DATE_TIME.toBytes(value);
      }

      @Override
      String show(byte[] wire) {
        return ISO_MICROS.format(ArgumentTypes.DATE_TIME.fromBytes(wire));
      }
    },
    PATH("path") {
      @Override
      byte[] encode(String text) {
        // Twisted sends FilePath(text).path: absolute and normalized.
        try {
          return ArgumentTypes.PATH.toBytes(Path.of(text).toAbsolutePath().normalize());
        } catch (InvalidPathException e) {
          throw new AmpArgumentException("path: " + text + " (expected: a valid path)", e);
        }
      }

      @Override
      String show(byte[] wire) {
        return PyText.str(ArgumentTypes.UNICODE.fromBytes(wire));
      }
    };

    private final List<String> names;

    Scalar(String... names) {
      this.names = List.of(names);
    }

    /** The wire bytes for what the user typed. */
    abstract byte[] encode(String text);

    /** The received bytes, decoded and shown. */
    abstract String show(byte[] wire);

    /** The main name. */
    String typeName() {
      return names.get(0);
    }

    static Scalar named(String name) {
      for (Scalar s : values()) {
        if (s.names.contains(name)) {
          return s;
        }
      }
      return null;
    }
  }

  /** An argument type: a scalar, or a Twisted {@code ListOf} of one. */
  record Type(Scalar element, boolean list) {
    private static final ArgumentType<List<byte[]>> LIST_OF_BYTES = ArgumentTypes.listOf(ArgumentTypes.STRING);

    /**
     * Parses a type name ({@code integer}, {@code listof-unicode}).
     *
     * @throws CliException (usage) if there is no such type
     */
    static Type parse(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      boolean list = false;
      if (n.startsWith("listof-")) {
        list = true;
        n = n.substring("listof-".length());
      }
      Scalar s = Scalar.named(n);
      if (s == null) {
        throw CliException.usage("type: " + name + " (expected: " + NAMES + ")");
      }
      return new Type(s, list);
    }

    /**
     * The wire bytes for what the user typed. A list is its elements separated by commas ({@code
     * \,} is a comma inside an element, {@code \\} a backslash); an empty text is an empty list.
     *
     * @throws AmpArgumentException if the text is not a value of this type
     */
    byte[] encode(String text) {
      if (!list) {
        return element.encode(text);
      }
      List<byte[]> items = new ArrayList<>();
      for (String item : splitList(text)) {
        items.add(element.encode(item));
      }
      return LIST_OF_BYTES.toBytes(items);
    }

    /**
     * The received bytes, shown.
     *
     * @throws AmpArgumentException if they are not a value of this type
     */
    String show(byte[] wire) {
      if (!list) {
        return element.show(wire);
      }
      List<String> shown = new ArrayList<>();
      for (byte[] item : LIST_OF_BYTES.fromBytes(wire)) {
        shown.add(element.show(item));
      }
      return "[" + String.join(", ", shown) + "]";
    }

    /** The type's name as typed. */
    String typeName() {
      return (list ? "listof-" : "") + element.typeName();
    }
  }

  /** Splits a list value at commas not escaped by a backslash. */
  static List<String> splitList(String text) {
    List<String> out = new ArrayList<>();
    if (text.isEmpty()) {
      return out;
    }
    StringBuilder cur = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == ',' || text.charAt(i + 1) == '\\')) {
        cur.append(text.charAt(++i));
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  private static byte[] ascii(String text) {
    // Non-ASCII text is not a number: keep it visible in the error (UTF-8 bytes).
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
