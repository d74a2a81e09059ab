package dev.spindle.amp.command;

import dev.spindle.amp.exceptions.AmpArgumentException;
import dev.spindle.amp.internal.repr.PythonRepr;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Python's {@code repr(float)} and {@code float(bytes)} for AMP {@code Float}.
 *
 * <p>{@link #repr} finds the shortest decimal that reads back as the same double (the closest one
 * if several have that length, the one with an even last digit if two are equally close), as
 * CPython's {@code repr} does, and lays it out as CPython does. JDK 17's {@code Double.toString}
 * is not always shortest ({@code 4.9E-324} where Python writes {@code 5e-324}): it only serves as
 * a fast path where it provably is (at most 15 digits, normal doubles) and as a starting point.
 *
 * <p>{@link #parse} accepts exactly Python's {@code float()} syntax and converts with correct
 * rounding.
 */
final class FloatText {
  private static final BigDecimal HALF = new BigDecimal("0.5");
  private static final int MAX_DIGITS = 17; // always enough to round-trip a double
  private static final MathContext DIGITS_15 = new MathContext(15, RoundingMode.HALF_EVEN);

  private FloatText() {}

  /** Returns Python's {@code repr(v)}: {@code 0.1}, {@code 1e+16}, {@code -0.0}, {@code nan}. */
  static String repr(double v) {
    if (Double.isNaN(v)) {
      return "nan";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "inf" : "-inf";
    }
    boolean negative = Double.doubleToRawLongBits(v) < 0;
    double a = Math.abs(v);
    if (a == 0) {
      return negative ? "-0.0" : "0.0";
    }
    BigDecimal shortest = shortest(a).stripTrailingZeros();
    String digits = shortest.unscaledValue().toString();
    // |v| = 0.d1d2...dn * 10^decpt
    long decpt = (long) digits.length() - shortest.scale();
    return format(negative, digits, (int) decpt);
  }

  /** Lays out {@code 0.digits * 10^decpt} as CPython's {@code float_repr_style = 'short'}. */
  static String format(boolean negative, String digits, int decpt) {
    int n = digits.length();
    StringBuilder sb = new StringBuilder(n + 8);
    if (negative) {
      sb.append('-');
    }
    if (decpt > -4 && decpt <= 16) {
      if (decpt <= 0) {
        sb.append("0.");
        for (int i = decpt; i < 0; i++) {
          sb.append('0');
        }
        sb.append(digits);
      } else if (decpt < n) {
        sb.append(digits, 0, decpt).append('.').append(digits, decpt, n);
      } else {
        sb.append(digits);
        for (int i = n; i < decpt; i++) {
          sb.append('0');
        }
        sb.append(".0");
      }
    } else {
      sb.append(digits.charAt(0));
      if (n > 1) {
        sb.append('.').append(digits, 1, n);
      }
      int exp = decpt - 1;
      sb.append(exp < 0 ? "e-" : "e+");
      int abs = Math.abs(exp);
      if (abs < 10) {
        sb.append('0');
      }
      sb.append(abs);
    }
    return sb.toString();
  }

  /**
   * Returns the shortest decimal that rounds to {@code a} (finite, positive) under IEEE
   * round-half-even, and among those of that length the closest to {@code a}.
   */
  private static BigDecimal shortest(double a) {
    BigDecimal jdk = new BigDecimal(Double.toString(a)).stripTrailingZeros();
    if (jdk.precision() <= 15 && a >= Double.MIN_NORMAL && jdk.doubleValue() == a) {
      // Fast path. Among normal doubles no two decimals of at most 15 digits read back as the
      // same double (their spacing is wider than an ulp), so a round-tripping one is the only
      // decimal of that length or shorter that does: it is the shortest, and the closest.
      return jdk;
    }
    return search(a, jdk);
  }

  /** The general case of {@link #shortest}, apart so that the fast path stays small. */
  private static BigDecimal search(double a, BigDecimal jdk) {
    BigDecimal exact = new BigDecimal(a);
    boolean normal = a >= Double.MIN_NORMAL;
    if (normal) {
      // The same uniqueness: 15-digit decimals are more than four ulps apart, so if any decimal of
      // at most 15 digits reads back as a, the nearest 15-digit one does, and it is the answer.
      BigDecimal d15 = exact.round(DIGITS_15);
      if (d15.doubleValue() == a) {
        return d15;
      }
    }
    BigDecimal below = new BigDecimal(Math.nextDown(a));
    // Every decimal strictly between the midpoints to the neighbours reads back as a; the
    // midpoints themselves do when a's significand is even (ties go to even).
    BigDecimal low = exact.add(below).multiply(HALF);
    BigDecimal high =
        a == Double.MAX_VALUE
            ? exact.add(exact.subtract(below).multiply(HALF))
            : exact.add(new BigDecimal(Math.nextUp(a))).multiply(HALF);
    boolean evenSignificand = (Double.doubleToRawLongBits(a) & 1) == 0;
    if (normal) {
      // None of 15 digits or fewer: 16 if one of 16 reads back, else 17 (always enough).
      BigDecimal best = pick(exact, 16, low, high, evenSignificand);
      if (best == null) {
        best = pick(exact, MAX_DIGITS, low, high, evenSignificand);
      }
      if (best == null) {
        throw new AssertionError("no round-trip decimal of 17 digits for " + a);
      }
      return best;
    }

    // Having a decimal of at most p digits in the interval is monotonic in p: binary search. JDK
    // 17's Double.toString round-trips with at most one digit too many, so its length is a good
    // upper bound (checked, not trusted), and its length minus one is tried first.
    int hi = Math.min(MAX_DIGITS, jdk.precision());
    BigDecimal best = pick(exact, hi, low, high, evenSignificand);
    if (best == null) {
      hi = MAX_DIGITS;
      best = pick(exact, hi, low, high, evenSignificand);
    }
    int lo = 1;
    int mid = hi - 1;
    while (lo < hi) {
      BigDecimal candidate = pick(exact, mid, low, high, evenSignificand);
      if (candidate != null) {
        hi = mid;
        best = candidate;
      } else {
        lo = mid + 1;
      }
      mid = (lo + hi) >>> 1;
    }
    if (best == null) {
      throw new AssertionError("no round-trip decimal of 17 digits for " + a);
    }
    return best;
  }

  /** Returns the closest p-digit decimal to {@code exact} in the interval, or null if none. */
  private static BigDecimal pick(
      BigDecimal exact, int p, BigDecimal low, BigDecimal high, boolean evenSignificand) {
    BigDecimal down = exact.round(new MathContext(p, RoundingMode.DOWN));
    BigDecimal up = exact.round(new MathContext(p, RoundingMode.UP));
    boolean downOk = inside(down, low, high, evenSignificand);
    boolean upOk = inside(up, low, high, evenSignificand);
    if (downOk && upOk) {
      int c = exact.subtract(down).compareTo(up.subtract(exact));
      if (c != 0) {
        return c < 0 ? down : up;
      }
      // Equally close: the one whose last digit is even.
      return down.unscaledValue().testBit(0) ? up : down;
    }
    return downOk ? down : upOk ? up : null;
  }

  private static boolean inside(
      BigDecimal d, BigDecimal low, BigDecimal high, boolean evenSignificand) {
    int cl = d.compareTo(low);
    int ch = d.compareTo(high);
    return (cl > 0 || (cl == 0 && evenSignificand)) && (ch < 0 || (ch == 0 && evenSignificand));
  }

  /**
   * Returns Python's {@code float(bytes)}: surrounding ASCII whitespace, an optional sign, then
   * either {@code inf}, {@code infinity} or {@code nan} in any case, or digits with an optional
   * fraction and an optional {@code e}/{@code E} exponent, where a single {@code _} may stand
   * between two digits. A NaN comes back as the canonical {@link Double#NaN}.
   *
   * @throws AmpArgumentException with Python's message, e.g. {@code could not convert string to
   *     float: b'0x1p3'}
   */
  static double parse(byte[] bytes) {
    int from = 0;
    int to = bytes.length;
    while (from < to && IntegerText.isSpace(bytes[from])) {
      from++;
    }
    while (to > from && IntegerText.isSpace(bytes[to - 1])) {
      to--;
    }
    if (from == to) {
      throw invalid(bytes);
    }
    boolean negative = false;
    if (bytes[from] == '+' || bytes[from] == '-') {
      negative = bytes[from] == '-';
      from++;
    }
    if (isWord(bytes, from, to, "inf") || isWord(bytes, from, to, "infinity")) {
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (isWord(bytes, from, to, "nan")) {
      return Double.NaN;
    }

    // number ::= [digitpart] "." digitpart | digitpart ["."]; exponent ::= (e|E) [+|-] digitpart
    char[] text = new char[to - from + 1];
    int n = 0;
    if (negative) {
      text[n++] = '-';
    }
    int p = from;
    int intEnd = digitPart(bytes, p, to);
    if (intEnd < 0) {
      throw invalid(bytes);
    }
    n = copyDigits(bytes, p, intEnd, text, n);
    boolean anyDigits = intEnd > p;
    p = intEnd;
    if (p < to && bytes[p] == '.') {
      text[n++] = '.';
      p++;
      int fracEnd = digitPart(bytes, p, to);
      if (fracEnd < 0) {
        throw invalid(bytes);
      }
      n = copyDigits(bytes, p, fracEnd, text, n);
      anyDigits |= fracEnd > p;
      p = fracEnd;
    }
    if (!anyDigits) {
      throw invalid(bytes);
    }
    if (p < to && (bytes[p] == 'e' || bytes[p] == 'E')) {
      text[n++] = 'e';
      p++;
      if (p < to && (bytes[p] == '+' || bytes[p] == '-')) {
        text[n++] = (char) bytes[p++];
      }
      int expEnd = digitPart(bytes, p, to);
      if (expEnd <= p) {
        throw invalid(bytes);
      }
      n = copyDigits(bytes, p, expEnd, text, n);
      p = expEnd;
    }
    if (p != to) {
      throw invalid(bytes);
    }
    // The text is now plain [-]digits[.digits][e[+-]digits], which Double.parseDouble rounds
    // correctly (overflow to infinity, underflow to a signed zero, as Python).
    return Double.parseDouble(new String(text, 0, n));
  }

  /**
   * Returns the end of the {@code digit (["_"] digit)*} run starting at {@code from} ({@code from}
   * itself if there is no digit), or -1 if an underscore is misplaced.
   */
  private static int digitPart(byte[] b, int from, int to) {
    int p = from;
    while (p < to) {
      byte c = b[p];
      if (IntegerText.isDigit(c)) {
        p++;
      } else if (c == '_') {
        if (p == from || p + 1 >= to || !IntegerText.isDigit(b[p + 1])) {
          return -1;
        }
        p++;
      } else {
        break;
      }
    }
    return p;
  }

  private static int copyDigits(byte[] b, int from, int to, char[] out, int n) {
    for (int i = from; i < to; i++) {
      if (b[i] != '_') {
        out[n++] = (char) b[i];
      }
    }
    return n;
  }

  private static boolean isWord(byte[] b, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      int c = b[from + i];
      if (c >= 'A' && c <= 'Z') {
        c += 'a' - 'A';
      }
      if (c != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static AmpArgumentException invalid(byte[] bytes) {
    return new AmpArgumentException(
        "could not convert string to float: " + PythonRepr.bytes(bytes));
  }
}
