package dev.spindle.amp.command;

import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.internal.repr.PythonRepr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A Python {@code decimal.Decimal} value, as AMP's {@code Decimal} argument carries it: a finite
 * number (a {@link BigDecimal} coefficient and exponent, plus a sign so that {@code -0} exists),
 * {@code Infinity}, {@code -Infinity}, or a quiet or signalling NaN with a sign and an optional
 * integer payload ({@code NaN123}).
 *
 * <p>Equality is by exact representation, as the wire form is: {@code 1.50} and {@code 1.5} are
 * different, so are {@code 0} and {@code -0}, and {@code NaN} equals {@code NaN}. Instances are
 * immutable.
 *
 * <p>Exponents are limited to {@code ±Integer.MAX_VALUE}, the range of {@link BigDecimal}'s scale;
 * Python allows about {@code ±10^18}. {@link #parse(String)} refuses anything beyond with an
 * {@link AmpArgumentException}.
 */
public final class AmpDecimal {
  private enum Kind {
    FINITE,
    INFINITE,
    QUIET_NAN,
    SIGNALLING_NAN
  }

  /** {@code Decimal("-0")}. */
  public static final AmpDecimal NEGATIVE_ZERO =
      new AmpDecimal(Kind.FINITE, true, BigDecimal.ZERO, null);

  /** {@code Decimal("Infinity")}. */
  public static final AmpDecimal POSITIVE_INFINITY =
      new AmpDecimal(Kind.INFINITE, false, null, null);

  /** {@code Decimal("-Infinity")}. */
  public static final AmpDecimal NEGATIVE_INFINITY =
      new AmpDecimal(Kind.INFINITE, true, null, null);

  /** {@code Decimal("NaN")}: quiet, positive, no payload. */
  public static final AmpDecimal NaN =
      new AmpDecimal(Kind.QUIET_NAN, false, null, BigInteger.ZERO);

  private static final String SYNTAX =
      "expected: Python's Decimal syntax; Python raises decimal.InvalidOperation:"
          + " [<class 'decimal.ConversionSyntax'>]";
  private static final int SHOWN_CHARS = 200;

  private final Kind kind;
  private final boolean negative;
  /** Finite values: the value, with the sign of {@link #negative} except for zero. */
  private final BigDecimal value;
  /** NaNs: the payload, zero for none. */
  private final BigInteger payload;

  private AmpDecimal(Kind kind, boolean negative, BigDecimal value, BigInteger payload) {
    this.kind = kind;
    this.negative = negative;
    this.value = value;
    this.payload = payload;
  }

  /**
   * Returns the finite decimal with {@code value}'s sign, coefficient and exponent.
   *
   * @param value the number, kept as is (so {@code 1.50} stays {@code 1.50}); not null
   * @return the finite decimal; never {@code -0}, which is {@link #NEGATIVE_ZERO}
   */
  public static AmpDecimal of(BigDecimal value) {
    Objects.requireNonNull(value, "value");
    return new AmpDecimal(Kind.FINITE, value.signum() < 0, value, null);
  }

  /**
   * Returns a NaN: {@code NaN}, {@code -NaN}, {@code sNaN}, {@code -sNaN}, with {@code payload}
   * digits after it unless the payload is zero ({@code NaN123}).
   *
   * @param signalling true for {@code sNaN}
   * @param negative true for a set sign bit ({@code -NaN})
   * @param payload the diagnostic payload, not negative
   * @return the NaN with that sign, kind and payload
   */
  public static AmpDecimal nan(boolean signalling, boolean negative, BigInteger payload) {
    Objects.requireNonNull(payload, "payload");
    if (payload.signum() < 0) {
      throw new IllegalArgumentException("payload: " + payload + " (expected: >= 0)");
    }
    return new AmpDecimal(
        signalling ? Kind.SIGNALLING_NAN : Kind.QUIET_NAN, negative, null, payload);
  }

  /**
   * Parses Python's {@code Decimal(text)} syntax: surrounding whitespace (ASCII whitespace and
   * {@code \x1c}-{@code \x1f}, as Python's {@code str.isspace}), then an optional sign and either
   * digits with an optional {@code .} and an optional {@code e}/{@code E} exponent, or {@code inf},
   * {@code infinity}, {@code nan} or {@code snan} in any case, the NaNs optionally followed by a
   * payload of digits. As in CPython, every {@code _} inside the stripped text is ignored.
   *
   * <p>Python also accepts non-ASCII digits and whitespace in a {@code str}; this does not (AMP's
   * wire value must be ASCII anyway).
   *
   * @param text the text to parse; not null
   * @return the parsed value
   * @throws AmpArgumentException if Python would raise {@code decimal.InvalidOperation}, or if the
   *     exponent is beyond {@code ±Integer.MAX_VALUE}
   */
  public static AmpDecimal parse(String text) {
    byte[] b = new byte[text.length()];
    for (int i = 0; i < b.length; i++) {
      char c = text.charAt(i);
      if (c > 0x7f) {
        throw syntax("'" + text + "'");
      }
      b[i] = (byte) c;
    }
    return parse(b, true);
  }

  /**
   * Parses an AMP {@code Decimal} wire value: ASCII text in Python's {@code Decimal} syntax.
   *
   * @throws AmpArgumentException if a byte is not ASCII, or see {@link #parse(String)}
   */
  static AmpDecimal parse(byte[] bytes) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] < 0) {
        throw new AmpArgumentException(
            String.format(
                "'ascii' codec can't decode byte 0x%02x in position %d: ordinal not in range(128)",
                bytes[i] & 0xff, i));
      }
    }
    return parse(bytes, false);
  }

  /** Parses ASCII {@code raw}; {@code isStr} only chooses how errors show it (str or bytes). */
  private static AmpDecimal parse(byte[] raw, boolean isStr) {

    // CPython's numeric_as_ascii: strip whitespace at both ends, then drop every underscore.
    int from = 0;
    int to = raw.length;
    while (from < to && isSpace(raw[from])) {
      from++;
    }
    while (to > from && isSpace(raw[to - 1])) {
      to--;
    }
    byte[] s = new byte[to - from];
    int n = 0;
    for (int i = from; i < to; i++) {
      if (raw[i] != '_') {
        s[n++] = raw[i];
      }
    }
    int p = 0;
    boolean negative = false;
    if (p < n && (s[p] == '+' || s[p] == '-')) {
      negative = s[p] == '-';
      p++;
    }
    if (matches(s, p, n, "inf") || matches(s, p, n, "infinity")) {
      return negative ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
    }
    boolean signalling = startsWith(s, p, n, "snan");
    if (signalling || startsWith(s, p, n, "nan")) {
      int q = p + (signalling ? 4 : 3);
      for (int i = q; i < n; i++) {
        if (!IntegerText.isDigit(s[i])) {
          throw syntax(shown(raw, isStr));
        }
      }
      BigInteger payload = q == n ? BigInteger.ZERO : new BigInteger(ascii(s, q, n));
      return nan(signalling, negative, payload);
    }

    // decimal-part ::= digits '.' [digits] | ['.'] digits; exponent-part ::= (e|E) [sign] digits
    int intStart = p;
    while (p < n && IntegerText.isDigit(s[p])) {
      p++;
    }
    int intEnd = p;
    int fracStart = p;
    int fracEnd = p;
    if (p < n && s[p] == '.') {
      fracStart = ++p;
      while (p < n && IntegerText.isDigit(s[p])) {
        p++;
      }
      fracEnd = p;
    }
    if (intEnd == intStart && fracEnd == fracStart) {
      throw syntax(shown(raw, isStr));
    }
    long exponent = 0;
    if (p < n && (s[p] == 'e' || s[p] == 'E')) {
      p++;
      boolean negativeExponent = false;
      if (p < n && (s[p] == '+' || s[p] == '-')) {
        negativeExponent = s[p] == '-';
        p++;
      }
      int expStart = p;
      while (p < n && IntegerText.isDigit(s[p])) {
        // Saturate: anything this large is refused below, whatever its exact value.
        exponent = Math.min(exponent * 10 + (s[p] - '0'), 1L << 40);
        p++;
      }
      if (p == expStart) {
        throw syntax(shown(raw, isStr));
      }
      if (negativeExponent) {
        exponent = -exponent;
      }
    }
    if (p != n) {
      throw syntax(shown(raw, isStr));
    }
    exponent -= fracEnd - fracStart;
    if (exponent > Integer.MAX_VALUE || exponent < -Integer.MAX_VALUE) {
      throw new AmpArgumentException(
          "Decimal: "
              + cut(shown(raw, isStr))
              + " (expected: an exponent within ±"
              + Integer.MAX_VALUE
              + ", the java.math.BigDecimal range)");
    }
    char[] digits = new char[intEnd - intStart + fracEnd - fracStart];
    int d = 0;
    for (int i = intStart; i < intEnd; i++) {
      digits[d++] = (char) s[i];
    }
    for (int i = fracStart; i < fracEnd; i++) {
      digits[d++] = (char) s[i];
    }
    BigInteger coefficient = new BigInteger(new String(digits));
    if (negative) {
      coefficient = coefficient.negate();
    }
    return new AmpDecimal(
        Kind.FINITE, negative, new BigDecimal(coefficient, (int) -exponent), null);
  }

  /**
   * True if this is a finite number (including {@code -0}).
   *
   * @return true for a finite number
   */
  public boolean isFinite() {
    return kind == Kind.FINITE;
  }

  /**
   * True if this is {@code Infinity} or {@code -Infinity}.
   *
   * @return true for a positive or negative infinity
   */
  public boolean isInfinite() {
    return kind == Kind.INFINITE;
  }

  /**
   * True if this is a quiet or signalling NaN.
   *
   * @return true for any NaN
   */
  public boolean isNaN() {
    return kind == Kind.QUIET_NAN || kind == Kind.SIGNALLING_NAN;
  }

  /**
   * True if this is a signalling NaN ({@code sNaN}).
   *
   * @return true for a signalling NaN only
   */
  public boolean isSignalling() {
    return kind == Kind.SIGNALLING_NAN;
  }

  /**
   * True if the sign is set: negative numbers, {@code -0}, {@code -Infinity}, {@code -NaN}.
   *
   * @return true if the sign bit is set
   */
  public boolean isNegative() {
    return negative;
  }

  /**
   * Returns a NaN's payload ({@code 123} for {@code NaN123}), zero if it has none.
   *
   * @return the payload, zero or positive
   * @throws IllegalStateException if this is not a NaN
   */
  public BigInteger nanPayload() {
    if (!isNaN()) {
      throw new IllegalStateException("not a NaN: " + this);
    }
    return payload;
  }

  /**
   * Returns the finite value with its coefficient and exponent; {@code -0} becomes zero with the
   * same exponent.
   *
   * @return the finite value as a {@link BigDecimal}, never null
   * @throws AmpArgumentException if this is an infinity or a NaN
   */
  public BigDecimal toBigDecimal() {
    if (kind != Kind.FINITE) {
      throw new AmpArgumentException(
          "Decimal: " + this + " (expected: a finite value for java.math.BigDecimal)");
    }
    return value;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof AmpDecimal)) {
      return false;
    }
    AmpDecimal that = (AmpDecimal) o;
    return kind == that.kind
        && negative == that.negative
        && Objects.equals(value, that.value) // BigDecimal.equals compares the scale too
        && Objects.equals(payload, that.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, negative, value, payload);
  }

  /**
   * Returns Python's {@code str(Decimal)}, the General Decimal Arithmetic to-scientific-string:
   * {@code 0}, {@code -0}, {@code 1.50}, {@code 1E+2}, {@code -1.5E-7}, {@code 0E-7}, {@code
   * Infinity}, {@code -NaN}, {@code sNaN123}.
   */
  @Override
  public String toString() {
    String sign = negative ? "-" : "";
    switch (kind) {
      case INFINITE:
        return sign + "Infinity";
      case QUIET_NAN:
        return sign + "NaN" + (payload.signum() == 0 ? "" : payload.toString());
      case SIGNALLING_NAN:
        return sign + "sNaN" + (payload.signum() == 0 ? "" : payload.toString());
      default:
        return sign + scientific(value.unscaledValue().abs().toString(), -(long) value.scale());
    }
  }

  /** The to-scientific-string of coefficient {@code c} (no sign) and exponent {@code e}. */
  private static String scientific(String c, long e) {
    long adjusted = e + c.length() - 1;
    StringBuilder sb = new StringBuilder(c.length() + 16);
    if (e <= 0 && adjusted >= -6) {
      if (e == 0) {
        return c;
      }
      int point = c.length() + (int) e; // digits before the point
      if (point > 0) {
        sb.append(c, 0, point).append('.').append(c, point, c.length());
      } else {
        sb.append("0.");
        for (int i = point; i < 0; i++) {
          sb.append('0');
        }
        sb.append(c);
      }
      return sb.toString();
    }
    sb.append(c.charAt(0));
    if (c.length() > 1) {
      sb.append('.').append(c, 1, c.length());
    }
    sb.append('E').append(adjusted < 0 ? '-' : '+').append(Math.abs(adjusted));
    return sb.toString();
  }

  private static AmpArgumentException syntax(String shown) {
    return new AmpArgumentException("Decimal: " + cut(shown) + " (" + SYNTAX + ")");
  }

  /** Python's repr of the text: {@code '1x'} for a str, {@code b'1x'} for bytes. */
  private static String shown(byte[] raw, boolean isStr) {
    String repr = PythonRepr.bytes(raw);
    return isStr ? repr.substring(1) : repr;
  }

  private static String cut(String shown) {
    return shown.length() > SHOWN_CHARS ? shown.substring(0, SHOWN_CHARS) + "..." : shown;
  }

  /** Python's {@code str.isspace()} on ASCII: {@code \t \n \x0b \x0c \r \x1c-\x1f} and space. */
  private static boolean isSpace(byte c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
  }

  private static boolean matches(byte[] s, int from, int to, String word) {
    return to - from == word.length() && startsWith(s, from, to, word);
  }

  private static boolean startsWith(byte[] s, int from, int to, String word) {
    if (to - from < word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      int c = s[from + i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] s, int from, int to) {
    return new String(s, from, to - from, StandardCharsets.US_ASCII);
  }
}
