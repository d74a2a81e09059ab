package dev.spindle.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.util.List;

/**
 * The read loop AMP's box decoder and Banana's decoder share: a cumulating decoder whose protocol
 * part is a resumable state machine, run one state at a time ({@link #decodeStep}), that stops when
 * bytes are short and goes on where it stopped.
 *
 * <p>One frame per {@code decode} call: Netty hands the frame on before decoding further, so a
 * pipeline change the frame causes (StartTLS, a protocol switch, Banana's dialect) applies to the
 * very next byte. On any error the partial frame is dropped ({@link #discardPartial}), all further
 * input is discarded, and the error goes on (wrapped in a {@link DecoderException} by Netty) so the
 * handler behind closes the connection without a reply, as Twisted does.
 *
 * <p>It tells the transport's frame limits ({@link InboundFrames}) whether a frame is open and how
 * many bytes it holds. Frames copy what they keep out of the cumulation; the cumulation is never
 * retained. Event-loop confined; one instance per channel.
 */
public abstract class FrameDecoder extends ByteToMessageDecoder {
  private boolean failed;
  private long framesDecoded;

  /** For subclasses. */
  protected FrameDecoder() {}

  /**
   * Runs the current state on {@code in}: false if bytes are short (nothing more can be done until
   * more arrive), true once it moved on. What it read so far stays in the decoder's state.
   *
   * @param in the cumulation, borrowed: read from it, copy what is kept, never retain it
   * @return true if the step moved on, false if more bytes are needed
   * @throws RuntimeException if the input breaks the protocol or a limit
   */
  protected abstract boolean decodeStep(ByteBuf in);

  /**
   * The frame the last step completed, handed over once (the decoder forgets it), or null.
   *
   * @return the completed frame, or null if none is complete
   */
  protected abstract Object takeFrame();

  /** Forgets the frame under way (an error, the end of the stream, the handler removed). */
  protected abstract void discardPartial();

  /**
   * Between a frame's first byte and its last, not counting a failed stream (for the frame
   * timeout). The base's {@link #actualReadableBytes()} counts as started.
   *
   * @return true while a frame is under way
   */
  public abstract boolean frameOpen();

  /**
   * The bytes held for the open frame: counted so far, and what is buffered.
   *
   * @return the bytes held, 0 or more
   */
  public abstract long heldBytes();

  /**
   * How many frames this decoder has handed on (so the frame limits see that a new one began).
   *
   * @return the number of frames handed on, 0 or more
   */
  public final long framesDecoded() {
    return framesDecoded;
  }

  /**
   * True once an error made this decoder discard all further input.
   *
   * @return true once the decoder has failed
   */
  protected final boolean failed() {
    return failed;
  }

  @Override
  protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      while (true) {
        boolean more = decodeStep(in);
        Object frame = takeFrame();
        if (frame != null) {
          framesDecoded++;
          out.add(frame); // and return: Netty hands it on before calling again
          return;
        }
        if (!more) {
          return;
        }
      }
    } catch (RuntimeException e) {
      failed = true;
      in.skipBytes(in.readableBytes());
      discardPartial();
      throw e;
    }
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    // The cumulation itself is released by ByteToMessageDecoder.
    discardPartial();
  }
}
