package dev.spindle.amp.codec;

import dev.spindle.amp.box.AmpBox;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Feeds bytes to decoders in chunks, with pooled (leak-tracked) buffers. */
final class Chunks {
  private Chunks() {}

  /** Splits {@code bytes} before each of the given offsets (sorted, duplicates and out-of-range ignored). */
  static List<byte[]> split(byte[] bytes, List<Integer> cuts) {
    int[] sorted = cuts.stream().mapToInt(Integer::intValue).filter(c -> c > 0 && c < bytes.length)
        .sorted().distinct().toArray();
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    for (int c : sorted) {
      out.add(Arrays.copyOfRange(bytes, from, c));
      from = c;
    }
    out.add(Arrays.copyOfRange(bytes, from, bytes.length));
    return out;
  }

  /** Splits {@code bytes} into single bytes. */
  static List<byte[]> bytewise(byte[] bytes) {
    List<byte[]> out = new ArrayList<>();
    for (byte b : bytes) {
      out.add(new byte[] {b});
    }
    return out;
  }

  /** Writes {@code chunk} into a fresh buffer from the channel's allocator. */
  static ByteBuf buffer(EmbeddedChannel ch, byte[] chunk) {
    return ch.alloc().buffer(chunk.length).writeBytes(chunk);
  }

  /** Feeds the chunks, then reads every box (the channel is left open). */
  static List<AmpBox> feed(EmbeddedChannel ch, List<byte[]> chunks) {
    List<AmpBox> out = new ArrayList<>();
    for (byte[] chunk : chunks) {
      ch.writeInbound(buffer(ch, chunk));
      AmpBox box;
      while ((box = ch.readInbound()) != null) {
        out.add(box);
      }
    }
    return out;
  }

  /** Decodes {@code chunks} with a default decoder on a fresh channel, then finishes it. */
  static List<AmpBox> decode(List<byte[]> chunks) {
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder());
    try {
      return feed(ch, chunks);
    } finally {
      ch.finishAndReleaseAll();
    }
  }
}
