package dev.spindle.amp.codec;

import dev.spindle.amp.box.AmpBox;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import java.util.Arrays;

/**
 * Encodes {@link AmpBox}es: each pair as a 16-bit key length, key, 16-bit value length, value,
 * keys sorted as unsigned bytes (Twisted's order), then {@code 00 00}. Sizes the buffer exactly
 * first, then writes once. The box already enforces the length limits.
 *
 * <p>Stateless and sharable.
 */
@ChannelHandler.Sharable
public final class AmpBoxEncoder extends MessageToByteEncoder<AmpBox> {
  /** The shared instance. */
  public static final AmpBoxEncoder INSTANCE = new AmpBoxEncoder();

  /** Boxes up to this many pairs are ordered by selection, without allocating. */
  private static final int SMALL_BOX = 8;

  private AmpBoxEncoder() {
    super(AmpBox.class);
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, AmpBox box, boolean preferDirect) {
    return ctx.alloc().ioBuffer(box.encodedLength());
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, AmpBox box, ByteBuf out) {
    encode(box, out);
  }

  /**
   * Writes {@code box}'s wire form to {@code out}; borrows {@code out}.
   *
   * @param box the box to encode; its pairs are written in wire order
   * @param out the buffer to write {@link AmpBox#encodedLength()} bytes to; borrowed, not released
   */
  public static void encode(AmpBox box, ByteBuf out) {
    int size = box.size();
    if (size <= SMALL_BOX) {
      encodeSmall(box, size, out);
    } else {
      for (int i : box.wireOrder()) {
        writePair(box, i, out);
      }
    }
    out.writeShort(0);
  }

  /**
   * Small boxes (the usual ones) are written in key order without {@link AmpBox#wireOrder()}'s
   * array: each step writes the smallest key above the one before (keys are distinct).
   */
  private static void encodeSmall(AmpBox box, int size, ByteBuf out) {
    byte[] previous = null;
    for (int n = 0; n < size; n++) {
      int next = -1;
      byte[] nextKey = null;
      for (int i = 0; i < size; i++) {
        byte[] k = box.keyAt(i);
        if ((previous == null || Arrays.compareUnsigned(k, previous) > 0)
            && (nextKey == null || Arrays.compareUnsigned(k, nextKey) < 0)) {
          next = i;
          nextKey = k;
        }
      }
      writePair(box, next, out);
      previous = nextKey;
    }
  }

  private static void writePair(AmpBox box, int i, ByteBuf out) {
    byte[] k = box.keyAt(i);
    byte[] v = box.valueAt(i);
    out.writeShort(k.length);
    out.writeBytes(k);
    out.writeShort(v.length);
    out.writeBytes(v);
  }
}
