package dev.spindle.pb.jelly;

import dev.spindle.pb.banana.Sexp;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The values behind a head that {@link Unjellier} reads without nesting: {@code boolean}, {@code
 * unicode}, {@code decimal}, {@code datetime}, {@code date}, {@code time} and {@code timedelta},
 * each checked as Twisted checks it (the same exception type: {@link MalformedJellyException} for
 * a Twisted {@code ValueError} or {@code AssertionError}, {@link JellyOverflowException} for an
 * {@code OverflowError}), and the checks on a headed list's shape that the unjellier also uses.
 * Stateless.
 */
final class JellyAtoms {
  private JellyAtoms() {}

  static Object bool(Sexp.SList l) {
    arity(l, 2);
    Sexp v = l.get(1);
    if (v instanceof Sexp.Bytes) {
      if (((Sexp.Bytes) v).is("true")) {
        return Boolean.TRUE;
      }
      if (((Sexp.Bytes) v).is("false")) {
        return Boolean.FALSE;
      }
    }
    throw new MalformedJellyException("boolean: " + show(v) + " (expected: b'true' or b'false'; Twisted: AssertionError)");
  }

  static String unicode(Sexp.SList l) {
    arity(l, 2);
    byte[] b = bytes(l, 1);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      String where = "";
      if (e instanceof MalformedInputException) {
        where = " (" + ((MalformedInputException) e).getInputLength() + " bad bytes)";
      }
      throw new MalformedJellyException("unicode: " + PythonText.bytesRepr(b) + where
          + " (expected: strict UTF-8; Twisted: UnicodeDecodeError)", e);
    }
  }

  static BigDecimal decimal(Sexp.SList l) {
    arity(l, 3);
    BigInteger coefficient;
    Sexp c = l.get(1);
    if (c instanceof Sexp.Int) {
      coefficient = BigInteger.valueOf(((Sexp.Int) c).value());
    } else if (c instanceof Sexp.BigInt) {
      coefficient = ((Sexp.BigInt) c).value();
    } else {
      throw new MalformedJellyException("decimal coefficient: " + show(c) + " (expected: an integer)");
    }
    Sexp e = l.get(2);
    if (e instanceof Sexp.BigInt || e instanceof Sexp.Int && (((Sexp.Int) e).value() < -Integer.MAX_VALUE
        || ((Sexp.Int) e).value() > -(long) Integer.MIN_VALUE)) {
      // Twisted: OverflowError beyond a C ssize_t; a BigDecimal's scale holds less
      throw new JellyOverflowException("decimal exponent: " + show(e)
          + " (expected: an integer within ±2**31; Twisted: OverflowError beyond ±2**63)");
    }
    if (!(e instanceof Sexp.Int)) {
      throw new MalformedJellyException("decimal exponent: " + show(e)
          + " (expected: an integer; special values such as Infinity cannot cross Banana)");
    }
    return new BigDecimal(coefficient, (int) -((Sexp.Int) e).value());
  }

  static LocalDateTime datetime(Sexp.SList l) {
    int[] f = fields(l, 3, 7, "datetime");
    int[] a = java.util.Arrays.copyOf(f, 7);
    checkYear(a[0], l);
    checkMicros(a[6], l);
    try {
      return LocalDateTime.of(a[0], a[1], a[2], a[3], a[4], a[5], a[6] * 1000);
    } catch (DateTimeException e) {
      throw badTime(l, e);
    }
  }

  static LocalDate date(Sexp.SList l) {
    int[] a = fields(l, 3, 3, "date");
    checkYear(a[0], l);
    try {
      return LocalDate.of(a[0], a[1], a[2]);
    } catch (DateTimeException e) {
      throw badTime(l, e);
    }
  }

  static LocalTime time(Sexp.SList l) {
    int[] a = java.util.Arrays.copyOf(fields(l, 0, 4, "time"), 4);
    checkMicros(a[3], l);
    try {
      return LocalTime.of(a[0], a[1], a[2], a[3] * 1000);
    } catch (DateTimeException e) {
      throw badTime(l, e);
    }
  }

  static Duration timedelta(Sexp.SList l) {
    arity(l, 2);
    BigInteger[] f = PythonText.splitInts(bytes(l, 1));
    if (f == null || f.length != 3) {
      throw new MalformedJellyException("timedelta: " + show(l.get(1)) + " (expected: \"days seconds microseconds\")");
    }
    BigInteger micros = f[0].multiply(BigInteger.valueOf(86_400_000_000L))
        .add(f[1].multiply(BigInteger.valueOf(1_000_000L))).add(f[2]);
    BigInteger[] secondsAndMicros = micros.divideAndRemainder(BigInteger.valueOf(1_000_000L));
    BigInteger seconds = secondsAndMicros[0];
    long rest = secondsAndMicros[1].longValue();
    if (rest < 0) {
      seconds = seconds.subtract(BigInteger.ONE);
      rest += 1_000_000L;
    }
    BigInteger days = seconds.divide(BigInteger.valueOf(86_400L));
    if (seconds.signum() < 0 && !seconds.mod(BigInteger.valueOf(86_400L)).equals(BigInteger.ZERO)) {
      days = days.subtract(BigInteger.ONE);
    }
    if (days.abs().compareTo(BigInteger.valueOf(Jellier.MAX_DELTA_DAYS)) > 0) {
      throw new JellyOverflowException("timedelta: " + show(l.get(1))
          + " (expected: at most 999999999 days either way; Twisted: OverflowError)");
    }
    return Duration.ofSeconds(seconds.longValueExact(), rest * 1000);
  }

  static int[] fields(Sexp.SList l, int min, int max, String what) {
    arity(l, 2);
    BigInteger[] f = PythonText.splitInts(bytes(l, 1));
    if (f == null || f.length < min || f.length > max) {
      throw new MalformedJellyException(what + ": " + show(l.get(1)) + " (expected: " + min
          + (min == max ? "" : " to " + max) + " space-separated integers)");
    }
    int[] out = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      if (f[i].bitLength() > 31) {
        // Python's datetime takes C ints: beyond them Twisted raises OverflowError, not ValueError
        throw new JellyOverflowException(what + ": " + show(l.get(1)) + " (expected: a valid " + what
            + "; Twisted: OverflowError)");
      }
      out[i] = f[i].intValue();
    }
    return out;
  }

  static void checkYear(int year, Sexp.SList l) {
    if (year < 1 || year > 9999) {
      throw new MalformedJellyException(PythonText.head(((Sexp.Bytes) l.get(0)).value()) + ": " + show(l.get(1))
          + " (expected: year 1 to 9999; Twisted: ValueError)");
    }
  }

  static void checkMicros(int micros, Sexp.SList l) {
    if (micros < 0 || micros > 999_999) {
      throw new MalformedJellyException(PythonText.head(((Sexp.Bytes) l.get(0)).value()) + ": " + show(l.get(1))
          + " (expected: microsecond 0 to 999999; Twisted: ValueError)");
    }
  }

  static MalformedJellyException badTime(Sexp.SList l, DateTimeException e) {
    return new MalformedJellyException(PythonText.head(((Sexp.Bytes) l.get(0)).value()) + ": " + show(l.get(1))
        + " (expected: a valid date and time; Twisted: ValueError): " + e.getMessage(), e);
  }

  // ---- shapes of a headed list, shared with Unjellier

  static void arity(Sexp.SList l, int n) {
    if (l.size() != n) {
      throw new MalformedJellyException(PythonText.head(((Sexp.Bytes) l.get(0)).value()) + ": " + l.size()
          + " elements (expected: " + n + ", as Twisted emits it)");
    }
  }

  static byte[] bytes(Sexp.SList l, int index) {
    Sexp s = l.get(index);
    if (!(s instanceof Sexp.Bytes)) {
      throw new MalformedJellyException(PythonText.head(((Sexp.Bytes) l.get(0)).value()) + " element " + index
          + ": " + show(s) + " (expected: a byte string)");
    }
    return ((Sexp.Bytes) s).value();
  }

  static String text(Sexp.SList l, int index, String what) {
    byte[] b = bytes(l, index);
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(b)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedJellyException(what + ": " + PythonText.bytesRepr(b) + " (expected: UTF-8 text)", e);
    }
  }

  /** A received s-expression in a message: bounded, whatever its size. */
  static String show(Sexp s) {
    return s == null ? "null" : ValueText.sexp(s, ValueText.MESSAGE_BUDGET);
  }
}
