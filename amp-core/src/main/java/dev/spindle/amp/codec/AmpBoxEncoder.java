package dev.spindle.amp.codec;

import dev.spindle.amp.box.AmpBox;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

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

  /** Writes {@code box}'s wire form to {@code out}; borrows {@code out}. */
  public static void encode(AmpBox box, ByteBuf out) {
    for (int i : box.wireOrder()) {
      byte[] k = box.keyAt(i);
      byte[] v = box.valueAt(i);
      out.writeShort(k.length);
      out.writeBytes(k);
      out.writeShort(v.length);
      out.writeBytes(v);
    }
    out.writeShort(0);
  }
}
