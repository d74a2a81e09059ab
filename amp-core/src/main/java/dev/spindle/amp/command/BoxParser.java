package dev.spindle.amp.command;

import dev.spindle.amp.AmpArgumentException;
import dev.spindle.amp.box.AmpBox;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Parses concatenated boxes from a byte array: the value of an {@code AmpList}. */
final class BoxParser {
  private BoxParser() {}

  static List<AmpBox> parseAll(byte[] bytes) {
    List<AmpBox> out = new ArrayList<>();
    int p = 0;
    AmpBox box = new AmpBox();
    while (p < bytes.length) {
      if (p + 2 > bytes.length) {
        throw truncated();
      }
      int keyLength = ((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff);
      p += 2;
      if (keyLength == 0) {
        out.add(box);
        box = new AmpBox();
        continue;
      }
      if (keyLength > 255 || p + keyLength + 2 > bytes.length) {
        throw truncated();
      }
      byte[] key = Arrays.copyOfRange(bytes, p, p + keyLength);
      p += keyLength;
      int valueLength = ((bytes[p] & 0xff) << 8) | (bytes[p + 1] & 0xff);
      p += 2;
      if (p + valueLength > bytes.length) {
        throw truncated();
      }
      box.put(key, Arrays.copyOfRange(bytes, p, p + valueLength));
      p += valueLength;
    }
    if (!box.isEmpty()) {
      throw truncated();
    }
    return out;
  }

  private static AmpArgumentException truncated() {
    return new AmpArgumentException("AmpList: truncated or malformed box (expected: whole boxes)");
  }
}
