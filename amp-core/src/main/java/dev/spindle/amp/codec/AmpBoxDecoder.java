package dev.spindle.amp.codec;


import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.exceptions.TooLongException;
import dev.spindle.transport.internal.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.DecoderException;
import java.util.Arrays;

/**
 * Decodes the AMP byte stream into {@link AmpBox}es, incrementally: a box may arrive split at any
 * byte.
 *
 * <p>A resumable state machine run by the transport's {@link FrameDecoder} (the read loop shared
 * with Banana): each state returns when bytes are short and continues where it stopped. Limits are checked from the length prefixes, before anything is allocated: a key length
 * above {@code maxKeyLength}, a value above {@code maxValueLength} or a box above {@code
 * maxBoxBytes} raises a {@link TooLongException} (wrapped in a {@link DecoderException} by Netty)
 * and the decoder discards all further input, so the connection can be closed without a reply, as
 * Twisted closes it. {@code maxBoxBytes} counts every byte of a box, length prefixes and the {@code
 * 00 00} terminator included, so it is compared with {@link AmpBox#encodedLength()}. Keys and
 * values are copied once out of the cumulation into the box's arrays; the cumulation is never
 * retained. Keys, and the command names under {@code _command}, recur from box to box: up to 32
 * bytes long they come from a small per-decoder cache, so the boxes of one connection share those
 * arrays (boxes never modify them). An empty box ({@code 00 00}) is emitted like any other:
 * rejecting it is the dispatcher's business.
 *
 * <p>Event-loop confined; one instance per channel.
 */
public final class AmpBoxDecoder extends FrameDecoder {
  private enum State {
    KEY_LENGTH,
    KEY,
    VALUE_LENGTH,
    VALUE
  }

  private static final byte[] EMPTY_VALUE = new byte[0];
  private static final byte[] COMMAND_KEY =
      AmpKeys.COMMAND.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private final int maxKeyLength;
  private final int maxValueLength;
  private final int maxBoxBytes;
  private final ByteStringCache cache = new ByteStringCache();

  private State state = State.KEY_LENGTH;
  private AmpBox box;
  private int boxBytes;
  private int length;
  private byte[] key;
  /** The box just completed, handed out by {@link #decodeFrame}. */
  private AmpBox done;

  /** Creates a decoder with Twisted's limits and no limit on the box size beyond 16 MiB. */
  public AmpBoxDecoder() {
    this(AmpKeys.MAX_KEY_LENGTH, AmpKeys.MAX_VALUE_LENGTH, 16 * 1024 * 1024);
  }

  /**
   * Creates a decoder with the given limits.
   *
   * @param maxKeyLength longest key accepted, 1 to 255
   * @param maxValueLength longest value accepted, 0 to 65,535
   * @param maxBoxBytes largest box accepted (its encoded length)
   */
  public AmpBoxDecoder(int maxKeyLength, int maxValueLength, int maxBoxBytes) {
    if (maxKeyLength < 1 || maxKeyLength > AmpKeys.MAX_KEY_LENGTH) {
      throw new IllegalArgumentException("maxKeyLength: " + maxKeyLength + " (expected: 1..255)");
    }
    if (maxValueLength < 0 || maxValueLength > AmpKeys.MAX_VALUE_LENGTH) {
      throw new IllegalArgumentException(
          "maxValueLength: " + maxValueLength + " (expected: 0..65535)");
    }
    if (maxBoxBytes < 2) {
      throw new IllegalArgumentException("maxBoxBytes: " + maxBoxBytes + " (expected: >= 2)");
    }
    this.maxKeyLength = maxKeyLength;
    this.maxValueLength = maxValueLength;
    this.maxBoxBytes = maxBoxBytes;
  }

  @Override
  protected boolean decodeStep(ByteBuf in) {
    return switch (state) {
      case KEY_LENGTH -> decodeKeyLength(in);
      case KEY -> decodeKey(in);
      case VALUE_LENGTH -> decodeValueLength(in);
      case VALUE -> decodeValue(in);
    };
  }

  /**
   * The box just completed. One box per {@code decode} call: the pipeline may change after a box
   * (StartTLS, a protocol switch), and the bytes after it then belong to the new handlers.
   */
  @Override
  protected Object takeFrame() {
    AmpBox b = done;
    done = null;
    return b;
  }

  @Override
  protected void discardPartial() {
    box = null;
    key = null;
    done = null;
  }

  private boolean decodeKeyLength(ByteBuf in) {
    if (in.readableBytes() < 2) {
      return false;
    }
    int n = in.readUnsignedShort();
    if (box == null) {
      box = new AmpBox();
      boxBytes = 0;
    }
    if (n == 0) {
      addBoxBytes(2);
      done = box;
      box = null;
      return true;
    }
    if (n > maxKeyLength) {
      throw TooLongException.remote(true, n, maxKeyLength);
    }
    addBoxBytes(2 + n);
    length = n;
    state = State.KEY;
    return true;
  }

  private boolean decodeKey(ByteBuf in) {
    if (in.readableBytes() < length) {
      return false;
    }
    key = cache.get(in, in.readerIndex(), length);
    in.skipBytes(length);
    state = State.VALUE_LENGTH;
    return true;
  }

  private boolean decodeValueLength(ByteBuf in) {
    if (in.readableBytes() < 2) {
      return false;
    }
    int n = in.readUnsignedShort();
    if (n > maxValueLength) {
      throw TooLongException.remote(false, n, maxValueLength);
    }
    addBoxBytes(2 + n);
    length = n;
    state = State.VALUE;
    return true;
  }

  private boolean decodeValue(ByteBuf in) {
    if (in.readableBytes() < length) {
      return false;
    }
    byte[] value;
    if (length == 0) {
      value = EMPTY_VALUE;
    } else if (key.length == COMMAND_KEY.length && Arrays.equals(key, COMMAND_KEY)) {
      value = cache.get(in, in.readerIndex(), length);
    } else {
      value = ByteBufUtil.getBytes(in, in.readerIndex(), length);
    }
    in.skipBytes(length);
    box.put(key, value);
    key = null;
    state = State.KEY_LENGTH;
    return true;
  }

  /**
   * Counts {@code more} bytes of the current box (length prefixes included) and fails once the box
   * would exceed {@code maxBoxBytes}, before its bytes are read.
   */
  private void addBoxBytes(int more) {
    boxBytes += more;
    if (boxBytes > maxBoxBytes) {
      throw TooLongException.remoteBox(boxBytes, maxBoxBytes);
    }
  }

  /** Between a box's first byte and its terminator (for the transport's frame limits). Event loop. */
  @Override
  public boolean frameOpen() {
    return !failed() && (box != null || actualReadableBytes() > 0);
  }

  /** The box's bytes so far (as its length prefixes declare them) and what is buffered. */
  @Override
  public long heldBytes() {
    return (box != null ? boxBytes : 0) + actualReadableBytes();
  }
}
