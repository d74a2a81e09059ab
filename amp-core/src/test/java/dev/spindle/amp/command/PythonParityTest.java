package dev.spindle.amp.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.testing.Vectors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares the text conversions with answers CPython 3.11.2 and Twisted 22.4 gave, recorded once
 * by {@code src/test/resources/make-python-vectors.py} (run with Debian's {@code /usr/bin/python3};
 * the script's docstring describes both files):
 *
 * <ul>
 *   <li>{@code float-repr.txt}: 200 doubles (seeded random bit patterns, subnormals, powers of two,
 *       short decimals, edge values) and their {@code repr()};
 *   <li>{@code python-parse.txt}: 3,000 seeded random mutations of valid and invalid text, 600 per
 *       kind, half accepted and half refused, with what {@code int()}, {@code float()}, {@code
 *       Decimal()}, {@code bytes.decode("utf-8")} and {@code amp.DateTime().fromString()} did.
 * </ul>
 */
class PythonParityTest {
  static Stream<Named<String[]>> floatReprs() {
    return lines("float-repr.txt", " ");
  }

  static Stream<Named<String[]>> parses() {
    return lines("python-parse.txt", "\t");
  }

  @Test
  void dataFilesAreComplete() {
    assertEquals(200, floatReprs().count());
    assertEquals(3000, parses().count());
  }

  @ParameterizedTest
  @MethodSource("floatReprs")
  void reprIsPythons(String[] line) {
    double x = Double.longBitsToDouble(Long.parseUnsignedLong(line[0], 16));
    assertEquals(line[1], FloatText.repr(x));
    assertEquals(
        Double.doubleToLongBits(x),
        Double.doubleToLongBits(FloatText.parse(line[1].getBytes(StandardCharsets.US_ASCII))));
  }

  @ParameterizedTest
  @MethodSource("parses")
  void parsesAsPython(String[] line) {
    String kind = line[0];
    byte[] wire = Vectors.hex(line[1]);
    String python = line[2];
    String java;
    try {
      java = parse(kind, wire);
    } catch (AmpArgumentException e) {
      if (kind.equals("decimal")) {
        assertTrue(e.getMessage().contains("[<class 'decimal.ConversionSyntax'>]"), e::getMessage);
        java = "ERR:InvalidOperation";
      } else if (kind.equals("datetime") && e.getMessage().contains("java.time.ZoneOffset")) {
        // Python allows offsets up to 23:59, ZoneOffset up to 18:00: a documented refusal.
        String[] fields = python.split(" ");
        assertTrue(Math.abs(Integer.parseInt(fields[fields.length - 1])) > 18 * 3600, python);
        return;
      } else {
        java = "ERR:" + e.getMessage();
      }
    }
    assertEquals(python, java);
  }

  private static String parse(String kind, byte[] wire) {
    switch (kind) {
      case "int":
        return IntegerText.parse(wire).toString();
      case "float":
        double d = FloatText.parse(wire);
        return Double.isNaN(d) ? "nan" : String.format("%016x", Double.doubleToRawLongBits(d));
      case "decimal":
        return AmpDecimal.parse(wire).toString();
      case "utf8":
        ArgumentTypes.bytesToString(wire);
        return "OK";
      case "datetime":
        OffsetDateTime t = DateTimeText.parse(wire);
        return String.format(
            "%d %d %d %d %d %d %d %d",
            t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
            t.getSecond(), t.getNano() / 1000, t.getOffset().getTotalSeconds());
      default:
        throw new IllegalArgumentException(kind);
    }
  }

  private static Stream<Named<String[]>> lines(String resource, String separator) {
    List<Named<String[]>> out = new ArrayList<>();
    try (InputStream in = PythonParityTest.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.startsWith("#")) {
          out.add(Named.of(line, line.split(separator, 3)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.stream();
  }
}
