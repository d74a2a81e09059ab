package test;

import dev.spindle.amp.command.ArgumentType;
import dev.spindle.amp.exceptions.AmpArgumentException;
import java.nio.charset.StandardCharsets;

/** Sends an {@link Rgb} as {@code #rrggbb}. */
public final class RgbType implements ArgumentType<Rgb> {
  @Override
  public byte[] toBytes(Rgb value) {
    return value.toString().getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  public Rgb fromBytes(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.US_ASCII);
    if (!text.matches("#[0-9a-f]{6}")) {
      throw new AmpArgumentException("Rgb: " + text + " (expected: #rrggbb)");
    }
    return new Rgb(Integer.parseInt(text.substring(1), 16));
  }
}
