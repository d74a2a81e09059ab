package dev.spindle.pb.banana;


import static dev.spindle.pb.banana.BananaConstants.FLOAT;
import static dev.spindle.pb.banana.BananaConstants.FLOAT_LENGTH;
import static dev.spindle.pb.banana.BananaConstants.INT;
import static dev.spindle.pb.banana.BananaConstants.LIST;
import static dev.spindle.pb.banana.BananaConstants.LONGINT;
import static dev.spindle.pb.banana.BananaConstants.LONGNEG;
import static dev.spindle.pb.banana.BananaConstants.NEG;
import static dev.spindle.pb.banana.BananaConstants.STRING;
import static dev.spindle.pb.banana.BananaConstants.VOCAB;

import dev.spindle.transport.internal.FrameDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ByteProcessor;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Decodes a Banana byte stream into {@link Sexp}s, incrementally: an expression may arrive split
 * at any byte, and several may share one read. Each top-level expression is emitted as soon as
 * its last byte is decoded, even in the middle of a buffer, so a dialect change made by the next
 * handler (the handshake) applies to the very next element, as in Twisted.
 *
 * <p>A resumable state machine (run by the transport's {@link FrameDecoder}, the read loop shared
 * with AMP) over an explicit stack of open lists, so nesting depth costs heap,
 * not Java stack. It accepts what Twisted's {@code Banana.dataReceived} accepts: an empty prefix
 * means 0, non-canonical digits are fine, INT/LONGINT/NEG/LONGNEG carry any magnitude, a FLOAT's
 * prefix is ignored. It refuses what Twisted refuses, with Twisted's message: more than {@link
 * BananaLimits#prefixLimit()} prefix digits, a list or byte string announced longer than {@link
 * BananaLimits#sizeLimit()} (checked on the header, before anything is allocated), an unknown type
 * byte, an unknown {@code VOCAB} index, {@code VOCAB} outside the {@code pb} dialect. It also
 * refuses lists nested deeper than {@link BananaLimits#maxDepth()} and expressions longer than
 * {@link BananaLimits#maxExpressionBytes()}.
 *
 * <p>On any error it raises a {@link BananaProtocolException} (delivered wrapped in a {@link
 * DecoderException}), drops the partial expression and discards all further input; the handler
 * that sees the exception should close the channel, as Twisted drops the connection. Incomplete
 * input at end of stream is dropped silently, as Twisted does.
 *
 * <p>Ownership: takes the inbound {@link ByteBuf}s (Netty releases them). The emitted {@code
 * Sexp}s are not reference-counted; their byte strings are fresh arrays copied out of the
 * cumulation, allocated only once all their bytes have arrived.
 *
 * <p>Event-loop confined; one instance per channel.
 */
public final class BananaDecoder extends FrameDecoder {
  private enum State {
    HEADER,
    STRING_BODY,
    FLOAT_BODY
  }

  /** At most this many list elements are reserved up front, whatever the header announces. */
  private static final int INITIAL_LIST_CAPACITY = 16;
  /** One shared atom per vocabulary word (Sexp.Bytes are never modified). */
  private static final Sexp.Bytes[] WORDS = new Sexp.Bytes[Vocabulary.SIZE + 1];

  static {
    for (int i = 1; i <= Vocabulary.SIZE; i++) {
      WORDS[i] = new Sexp.Bytes(Vocabulary.sharedBytes(i));
    }
  }

  /** The empty list: every one decoded is this one (Sexp lists are immutable). */
  private static final Sexp.SList EMPTY_LIST = new Sexp.SList(List.of());

  /** Digits of a non-negative long: 9 digits are 63 bits. */
  private static final int LONG_DIGITS = 9;

  /** Stops at the first byte with the high bit set (a type byte). */
  private static final ByteProcessor IS_DIGIT = value -> value >= 0;

  private final BananaLimits limits;
  private final byte[] digits;
  private BananaDialect dialect;

  private State state = State.HEADER;
  private int digitCount;
  private int bodyLength;
  private long expressionBytes;
  private OpenList[] open = new OpenList[8];
  private int depth;
  private Sexp ready;

  /** Creates a decoder with Twisted's limits in the {@code none} dialect (before the handshake). */
  public BananaDecoder() {
    this(BananaLimits.DEFAULT, BananaDialect.NONE);
  }

  /**
   * Creates a decoder with {@code limits}, starting in {@code dialect}.
   *
   * @param limits the size limits checked before each element is buffered; not null
   * @param dialect the dialect to decode the first element in; not null
   */
  public BananaDecoder(BananaLimits limits, BananaDialect dialect) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.digits = new byte[limits.prefixLimit()];
  }

  /** {@return the limits this decoder enforces} */
  public BananaLimits limits() {
    return limits;
  }

  /** {@return the dialect the next element is decoded in} */
  public BananaDialect dialect() {
    return dialect;
  }

  /**
   * Switches the dialect; it applies from the next element decoded. Call on the event loop,
   * typically from the handler that received the previous top-level expression.
   *
   * @param dialect the dialect for the elements that follow; not null
   */
  public void setDialect(BananaDialect dialect) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  @Override
  protected boolean decodeStep(ByteBuf in) {
    return switch (state) {
      case HEADER -> decodeHeader(in);
      case STRING_BODY -> decodeString(in);
      case FLOAT_BODY -> decodeFloat(in);
    };
  }

  /** The top-level expression just completed, if any: Netty hands it on before decoding further. */
  @Override
  protected Object takeFrame() {
    Sexp expression = ready;
    ready = null;
    return expression;
  }

  /** Reads prefix digits up to the type byte, then acts on it. False if the header is short. */
  private boolean decodeHeader(ByteBuf in) {
    int end = in.writerIndex();
    for (int i = in.readerIndex(); i < end; i++) {
      byte b = in.getByte(i);
      if (b >= 0) {
        if (digitCount == digits.length) {
          // Twisted scans the buffered input: with a type byte somewhere after the prefix it says
          // "longer than", without one "more than".
          boolean typeByteBuffered = in.forEachByte(i, end - i, IS_DIGIT) != -1;
          throw typeByteBuffered
              ? BananaProtocolException.prefixTooLong(digits.length)
              : BananaProtocolException.prefixNoTypeByte(digits.length);
        }
        digits[digitCount++] = b;
      } else {
        in.readerIndex(i + 1);
        typeByte(b & 0xff);
        digitCount = 0;
        return true;
      }
    }
    in.readerIndex(end);
    return false;
  }

  private void typeByte(int type) {
    switch (type) {
      case LIST: {
        long n = smallValue();
        if (n > limits.sizeLimit()) {
          throw BananaProtocolException.listTooLong();
        }
        if (depth == limits.maxDepth()) {
          throw BananaProtocolException.tooDeep(limits.maxDepth());
        }
        count(HeapCost.list(n));
        if (n == 0) {
          itemDone(EMPTY_LIST);
        } else {
          push((int) n);
        }
        break;
      }
      case STRING: {
        long n = smallValue();
        if (n > limits.sizeLimit()) {
          throw BananaProtocolException.stringTooLong();
        }
        count(HeapCost.bytes(n));
        bodyLength = (int) n;
        state = State.STRING_BODY;
        break;
      }
      case INT:
      case LONGINT:
        itemDone(counted(integer(false)));
        break;
      case NEG:
      case LONGNEG:
        itemDone(counted(integer(true)));
        break;
      case FLOAT:
        count(HeapCost.FLOAT);
        state = State.FLOAT_BODY;
        break;
      case VOCAB: {
        // Twisted looks the index up first (KeyError in any dialect), then checks the dialect.
        long n = smallValue();
        if (!Vocabulary.contains(n)) {
          throw BananaProtocolException.unknownVocab(bigValue(digitCount).toString());
        }
        if (!dialect.usesVocabulary()) {
          throw BananaProtocolException.vocabOutsidePb((int) n);
        }
        itemDone(WORDS[(int) n]);
        break;
      }
      default:
        throw BananaProtocolException.invalidTypeByte(type);
    }
  }

  private boolean decodeString(ByteBuf in) {
    if (in.readableBytes() < bodyLength) {
      return false;
    }
    byte[] bytes = new byte[bodyLength];
    in.readBytes(bytes);
    state = State.HEADER;
    itemDone(new Sexp.Bytes(bytes));
    return true;
  }

  private boolean decodeFloat(ByteBuf in) {
    if (in.readableBytes() < FLOAT_LENGTH) {
      return false;
    }
    double value = Double.longBitsToDouble(in.readLong()); // big-endian
    state = State.HEADER;
    itemDone(new Sexp.Float(value));
    return true;
  }

  private Sexp counted(Sexp integer) {
    count(integer instanceof Sexp.Int i
        ? HeapCost.integer(i.value())
        : HeapCost.bigInteger(((Sexp.BigInt) integer).value().bitLength()));
    return integer;
  }

  // ---- open lists ------------------------------------------------------------------------------

  private void push(int expected) {
    if (depth == open.length) {
      open = Arrays.copyOf(open, depth * 2);
    }
    open[depth++] = new OpenList(expected);
  }

  /** Appends a finished item to the innermost open list, closing lists that are now complete. */
  private void itemDone(Sexp item) {
    while (depth > 0) {
      OpenList list = open[depth - 1];
      if (!list.add(item)) {
        return;
      }
      open[--depth] = null;
      item = new Sexp.SList(new SexpArray(list.items));
    }
    expressionBytes = 0;
    ready = item;
  }

  /** Charges {@code bytes} of heap ({@link HeapCost}) to the expression being decoded. */
  private void count(long bytes) {
    expressionBytes += bytes;
    if (expressionBytes > limits.maxExpressionBytes()) {
      throw BananaProtocolException.expressionTooLong(
          expressionBytes, limits.maxExpressionBytes());
    }
  }

  @Override
  protected void discardPartial() {
    Arrays.fill(open, 0, depth, null);
    depth = 0;
    digitCount = 0;
    expressionBytes = 0;
    ready = null;
  }

  @Override
  protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out)
      throws Exception {
    super.decodeLast(ctx, in, out);
    // End of stream: Twisted forgets an incomplete expression without complaint.
    discardPartial();
    state = State.HEADER;
  }

  /** Between an expression's first byte and its last (for the transport's frame limits). Event loop. */
  @Override
  public boolean frameOpen() {
    return !failed()
        && (state == State.STRING_BODY || state == State.FLOAT_BODY || depth > 0 || digitCount > 0
            || actualReadableBytes() > 0);
  }

  /** The bytes counted against the expression so far and what is buffered. */
  @Override
  public long heldBytes() {
    return expressionBytes + actualReadableBytes();
  }

  // ---- prefix values (Twisted: b1282int) -------------------------------------------------------

  /** The prefix value, or {@code Long.MAX_VALUE} if it does not fit in 62 bits. */
  private long smallValue() {
    long v = 0;
    for (int i = digitCount - 1; i >= 0; i--) {
      if (v > (Long.MAX_VALUE >>> 8)) {
        return Long.MAX_VALUE;
      }
      v = (v << 7) | digits[i];
    }
    return v;
  }

  private Sexp integer(boolean negative) {
    int n = digitCount;
    while (n > 0 && digits[n - 1] == 0) {
      n--; // non-canonical high zero digits
    }
    if (n <= LONG_DIGITS) {
      long v = 0;
      for (int i = n - 1; i >= 0; i--) {
        v = (v << 7) | digits[i];
      }
      return SmallInts.of(negative ? -v : v);
    }
    BigInteger v = bigValue(n);
    return Sexp.integer(negative ? v.negate() : v);
  }

  /** The value of the first {@code n} digits. */
  private BigInteger bigValue(int n) {
    byte[] magnitude = new byte[(7 * n + 7) / 8 + 1]; // big-endian
    int pos = magnitude.length - 1;
    int acc = 0;
    int bits = 0;
    for (int i = 0; i < n; i++) {
      acc |= digits[i] << bits;
      bits += 7;
      while (bits >= 8) {
        magnitude[pos--] = (byte) acc;
        acc >>>= 8;
        bits -= 8;
      }
    }
    if (bits > 0) {
      magnitude[pos] = (byte) acc;
    }
    return new BigInteger(1, magnitude);
  }

  /**
   * A list whose elements are still arriving, in an array that grows (doubling) up to exactly the
   * announced size, so that the complete list keeps it without a copy or spare room.
   */
  private static final class OpenList {
    final int expected;
    Sexp[] items;
    int size;

    OpenList(int expected) {
      this.expected = expected;
      this.items = new Sexp[Math.min(expected, INITIAL_LIST_CAPACITY)];
    }

    /** Appends {@code item}; true if the list is now complete. */
    boolean add(Sexp item) {
      if (size == items.length) {
        items = Arrays.copyOf(items, (int) Math.min(expected, 2L * items.length));
      }
      items[size++] = item;
      return size == expected;
    }
  }
}
