package dev.spindle.amp.command;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A Python {@code decimal.Decimal} value: a {@link BigDecimal}, or one of the values {@code
 * BigDecimal} lacks (negative zero, infinities, quiet and signalling NaNs with payloads).
 */
public final class AmpDecimal {
  private final BigDecimal value;

  private AmpDecimal(BigDecimal value) {
    this.value = value;
  }

  /** Returns the decimal with {@code value}'s coefficient and exponent. */
  public static AmpDecimal of(BigDecimal value) {
    return new AmpDecimal(value);
  }

  static AmpDecimal parse(byte[] bytes) {
    // TODO(types): Python Decimal() grammar and special values.
    return new AmpDecimal(new BigDecimal(new String(bytes, StandardCharsets.US_ASCII)));
  }

  /** Returns the finite value. */
  public BigDecimal toBigDecimal() {
    return value;
  }

  /** Returns Python's {@code str(Decimal)}. */
  @Override
  public String toString() {
    return value.toString();
  }
}
