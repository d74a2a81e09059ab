package dev.spindle.pb.banana;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;

/** EmbeddedChannel helpers that release what they read. */
final class Channels {
  private Channels() {}

  /** A channel with a decoder in {@code dialect}. */
  static EmbeddedChannel decoderChannel(BananaLimits limits, BananaDialect dialect) {
    return new EmbeddedChannel(new BananaDecoder(limits, dialect));
  }

  /** Writes {@code bytes} as one inbound buffer (taken by the channel). */
  static void feed(EmbeddedChannel ch, byte[] bytes, int from, int to) {
    ch.writeInbound(Unpooled.copiedBuffer(bytes, from, to - from));
  }

  /** Reads every inbound Sexp so far. */
  static List<Sexp> drainInbound(EmbeddedChannel ch) {
    List<Sexp> out = new ArrayList<>();
    for (Object o; (o = ch.readInbound()) != null; ) {
      out.add((Sexp) o);
    }
    return out;
  }

  /** Reads every outbound buffer so far, concatenated, releasing them. */
  static byte[] drainOutbound(EmbeddedChannel ch) {
    ByteBuf all = Unpooled.buffer();
    try {
      for (Object o; (o = ch.readOutbound()) != null; ) {
        ByteBuf b = (ByteBuf) o;
        try {
          all.writeBytes(b);
        } finally {
          b.release();
        }
      }
      return ByteBufUtil.getBytes(all);
    } finally {
      all.release();
    }
  }

  /**
   * Decodes {@code bytes} fed in chunks ending at each of {@code cuts} (ascending, within the
   * array) and then at the end; closes the channel.
   */
  static List<Sexp> decode(byte[] bytes, BananaLimits limits, BananaDialect dialect, int... cuts) {
    EmbeddedChannel ch = decoderChannel(limits, dialect);
    try {
      List<Sexp> out = new ArrayList<>();
      int from = 0;
      for (int cut : cuts) {
        if (cut > from && cut < bytes.length) {
          feed(ch, bytes, from, cut);
          out.addAll(drainInbound(ch));
          from = cut;
        }
      }
      if (from < bytes.length) {
        feed(ch, bytes, from, bytes.length);
      }
      out.addAll(drainInbound(ch));
      return out;
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  /** Decodes {@code bytes} in one buffer with Twisted's limits. */
  static List<Sexp> decode(byte[] bytes, BananaDialect dialect) {
    return decode(bytes, BananaLimits.DEFAULT, dialect);
  }
}
