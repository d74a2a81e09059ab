package dev.spindle.amp.command;

import java.nio.charset.StandardCharsets;

/** Python's {@code repr(float)} and {@code float(bytes)} for AMP {@code Float}. */
final class FloatText {
  private FloatText() {}

  static String repr(double v) {
    // TODO(types): exact Python repr.
    return Double.toString(v);
  }

  static double parse(byte[] bytes) {
    // TODO(types): Python float() grammar.
    return Double.parseDouble(new String(bytes, StandardCharsets.US_ASCII));
  }
}
