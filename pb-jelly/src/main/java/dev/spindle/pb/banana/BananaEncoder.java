package dev.spindle.pb.banana;

import static dev.spindle.pb.banana.BananaConstants.FLOAT;
import static dev.spindle.pb.banana.BananaConstants.INT;
import static dev.spindle.pb.banana.BananaConstants.LARGEST_INT;
import static dev.spindle.pb.banana.BananaConstants.LIST;
import static dev.spindle.pb.banana.BananaConstants.LONGINT;
import static dev.spindle.pb.banana.BananaConstants.LONGNEG;
import static dev.spindle.pb.banana.BananaConstants.NEG;
import static dev.spindle.pb.banana.BananaConstants.SMALLEST_INT;
import static dev.spindle.pb.banana.BananaConstants.STRING;
import static dev.spindle.pb.banana.BananaConstants.VOCAB;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.MessageToByteEncoder;
import java.math.BigInteger;
import java.util.Objects;

/**
 * Encodes {@link Sexp}s into Banana bytes, exactly as Twisted's {@code Banana._encode} does: the
 * same base-128 digits, the same type byte for every integer (INT/NEG for {@code -2**31 <= v <=
 * 2**31 - 1}, LONGINT/LONGNEG beyond), and in the {@code pb} dialect a {@code VOCAB} index for
 * every byte string equal to a {@link Vocabulary} word.
 *
 * <p>As a pipeline handler, each written {@code Sexp} is sized first (which also checks every
 * limit), then written once into a buffer of exactly that size from {@code ctx.alloc().ioBuffer}.
 * A refused value fails the write's promise with an {@link EncoderException} whose cause is a
 * {@link BananaEncodingException}; nothing is written and the connection stays usable, as in
 * Twisted. The static methods do the same work for other layers and tests. Trees of any depth
 * within {@link BananaLimits#maxDepth()} are walked without recursion.
 *
 * <p>The handler is event-loop confined (its dialect changes during the handshake; see {@link
 * BananaCodec}); the static methods are thread-safe. Lists must not change while being encoded.
 */
public final class BananaEncoder extends MessageToByteEncoder<Sexp> {
  private final BananaLimits limits;
  private BananaDialect dialect;
  /** The tree walk's stack, reused by every expression of this channel (event loop only). */
  private final SexpStack walk = new SexpStack();

  /** Creates an encoder with Twisted's limits in the {@code none} dialect (before the handshake). */
  public BananaEncoder() {
    this(BananaLimits.DEFAULT, BananaDialect.NONE);
  }

  /**
   * Creates an encoder with {@code limits}, starting in {@code dialect}.
   *
   * @param limits the size limits checked before anything is written; not null
   * @param dialect the dialect to encode the first expression in; not null
   */
  public BananaEncoder(BananaLimits limits, BananaDialect dialect) {
    super(Sexp.class);
    this.limits = Objects.requireNonNull(limits, "limits");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  /** {@return the limits this encoder enforces} */
  public BananaLimits limits() {
    return limits;
  }

  /** {@return the dialect the next expression is encoded in} */
  public BananaDialect dialect() {
    return dialect;
  }

  /**
   * Switches the dialect; the next written expression uses it. Call on the event loop.
   *
   * @param dialect the dialect for the expressions written from now on; not null
   */
  public void setDialect(BananaDialect dialect) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  @Override
  protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, Sexp msg, boolean preferDirect) {
    return ctx.alloc().ioBuffer(encodedLength(msg, dialect, limits, walk.clear()));
  }

  @Override
  protected void encode(ChannelHandlerContext ctx, Sexp msg, ByteBuf out) {
    // allocateBuffer has checked every limit.
    write(msg, dialect, out, walk.clear());
  }

  /**
   * Encodes {@code sexp} with Twisted's limits.
   *
   * @param sexp the expression to encode
   * @param dialect the dialect, which decides whether vocabulary words are substituted
   * @return a new array holding the encoded bytes
   * @throws BananaEncodingException if Twisted would refuse to send it
   */
  public static byte[] encode(Sexp sexp, BananaDialect dialect) {
    return encode(sexp, dialect, BananaLimits.DEFAULT);
  }

  /**
   * Encodes {@code sexp} into a new array.
   *
   * @param sexp the expression to encode
   * @param dialect the dialect, which decides whether vocabulary words are substituted
   * @param limits the limits the expression is checked against before anything is written
   * @return a new array of exactly the encoded length
   * @throws BananaEncodingException if {@code sexp} exceeds {@code limits}
   */
  public static byte[] encode(Sexp sexp, BananaDialect dialect, BananaLimits limits) {
    SexpStack walk = new SexpStack(); // one for both passes
    byte[] bytes = new byte[encodedLength(sexp, dialect, limits, walk)];
    ByteBuf buf = Unpooled.wrappedBuffer(bytes).writerIndex(0); // unpooled heap: no release needed
    write(sexp, dialect, buf, walk.clear());
    assert buf.writerIndex() == bytes.length;
    return bytes;
  }

  /**
   * Writes {@code sexp} to {@code out}, growing it as needed. Borrows {@code out}: the caller
   * keeps ownership.
   *
   * @param sexp the expression to encode
   * @param dialect the dialect, which decides whether vocabulary words are substituted
   * @param limits the limits the expression is checked against before anything is written
   * @param out the buffer appended to at its writer index (borrowed)
   * @throws BananaEncodingException if {@code sexp} exceeds {@code limits}; nothing was written
   */
  public static void encode(Sexp sexp, BananaDialect dialect, BananaLimits limits, ByteBuf out) {
    SexpStack walk = new SexpStack(); // one for both passes
    int length = encodedLength(sexp, dialect, limits, walk);
    out.ensureWritable(length);
    write(sexp, dialect, out, walk.clear());
  }

  /**
   * Encodes {@code sexp} into a new buffer of exactly its length from {@code alloc.ioBuffer},
   * sizing (and checking every limit) before allocating, as the pipeline handler does. For layers
   * that must know synchronously whether a value can be sent (Perspective Broker rolls back the
   * references it registered for a message that cannot be). The caller takes ownership of the
   * returned buffer.
   *
   * @param sexp the expression to encode
   * @param dialect the dialect, which decides whether vocabulary words are substituted
   * @param limits the limits the expression is checked against before allocating
   * @param alloc the allocator of the returned buffer, usually the channel's
   * @return a buffer holding exactly the encoded bytes, owned by the caller
   * @throws BananaEncodingException if {@code sexp} exceeds {@code limits}; nothing was allocated
   */
  public static ByteBuf encode(
      Sexp sexp, BananaDialect dialect, BananaLimits limits, ByteBufAllocator alloc) {
    SexpStack walk = new SexpStack(); // one for both passes
    int length = encodedLength(sexp, dialect, limits, walk);
    ByteBuf out = alloc.ioBuffer(length);
    try {
      write(sexp, dialect, out, walk.clear());
    } catch (RuntimeException | Error e) {
      out.release();
      throw e;
    }
    return out;
  }

  /**
   * Returns the number of bytes {@code sexp} encodes to, checking every limit on the way.
   *
   * @param sexp the expression to measure
   * @param dialect the dialect, which decides whether vocabulary words are substituted
   * @param limits the limits the expression is checked against
   * @return the encoded length in bytes
   * @throws BananaEncodingException if {@code sexp} exceeds {@code limits}: a byte string or list
   *     over {@link BananaLimits#sizeLimit()}, an integer of more than {@code 7 *
   *     prefixLimit} bits, a list nested deeper than {@link BananaLimits#maxDepth()}, a cost in
   *     the receiver's heap ({@link HeapCost}) over {@link BananaLimits#maxExpressionBytes()},
   *     or a {@code null} item
   */
  public static int encodedLength(Sexp sexp, BananaDialect dialect, BananaLimits limits) {
    return encodedLength(sexp, dialect, limits, new SexpStack());
  }

  /** {@link #encodedLength(Sexp, BananaDialect, BananaLimits)} walking with an empty {@code stack}. */
  private static int encodedLength(
      Sexp sexp, BananaDialect dialect, BananaLimits limits, SexpStack stack) {
    Objects.requireNonNull(dialect, "dialect");
    long max = Integer.MAX_VALUE - 8; // the largest buffer
    long maxCost = limits.maxExpressionBytes();
    boolean vocabulary = dialect.usesVocabulary();
    long total = 0;
    long cost = 0; // what the receiver's decoder will charge (HeapCost)
    Sexp item = sexp;
    while (true) {
      if (item instanceof Sexp.Int i) {
        total += intLength(i.value(), limits);
        cost += HeapCost.integer(i.value());
      } else if (item instanceof Sexp.Bytes b) {
        int length = bytesLength(b.value(), vocabulary, limits);
        total += length;
        cost += length == 2 && vocabulary && Vocabulary.indexOf(b.value()) != 0
            ? HeapCost.WORD : HeapCost.bytes(b.length());
      } else if (item instanceof Sexp.SList l) {
        int size = l.size();
        if (size > limits.sizeLimit()) {
          throw BananaEncodingException.listTooLong(size);
        }
        int depth = stack.depth() + 1;
        if (depth > limits.maxDepth()) {
          throw BananaEncodingException.tooDeep(depth, limits.maxDepth());
        }
        total += digitCount(size) + 1;
        cost += HeapCost.list(size);
        if (size > 0) {
          stack.push(l);
        }
      } else if (item instanceof Sexp.Float) {
        total += 1 + BananaConstants.FLOAT_LENGTH;
        cost += HeapCost.FLOAT;
      } else if (item instanceof Sexp.BigInt b) {
        total += bigIntLength(b.value(), limits);
        cost += HeapCost.bigInteger(b.value().bitLength());
      } else {
        throw BananaEncodingException.nullItem();
      }
      if (cost > maxCost) {
        throw BananaEncodingException.expressionTooLong(cost, maxCost);
      }
      if (total > max) {
        throw BananaEncodingException.expressionTooLong(total, max);
      }
      if (!stack.hasNext()) {
        return (int) total;
      }
      item = stack.next();
    }
  }

  /** Writes a tree that {@link #encodedLength} accepted. */
  private static void write(Sexp sexp, BananaDialect dialect, ByteBuf out) {
    write(sexp, dialect, out, new SexpStack());
  }

  /** {@link #write(Sexp, BananaDialect, ByteBuf)} walking with an empty {@code stack}. */
  private static void write(Sexp sexp, BananaDialect dialect, ByteBuf out, SexpStack stack) {
    boolean vocabulary = dialect.usesVocabulary();
    Sexp item = sexp;
    while (true) {
      if (item instanceof Sexp.Int i) {
        writeInt(i.value(), out);
      } else if (item instanceof Sexp.Bytes b) {
        writeBytes(b.value(), vocabulary, out);
      } else if (item instanceof Sexp.SList l) {
        writeDigits(l.size(), out);
        out.writeByte(LIST);
        if (l.size() > 0) {
          stack.push(l);
        }
      } else if (item instanceof Sexp.Float f) {
        out.writeByte(FLOAT);
        out.writeLong(Double.doubleToRawLongBits(f.value())); // big-endian, NaN payload kept
      } else {
        writeBigInt(((Sexp.BigInt) item).value(), out);
      }
      if (!stack.hasNext()) {
        return;
      }
      item = stack.next();
    }
  }

  // ---- integers --------------------------------------------------------------------------------

  private static int intLength(long value, BananaLimits limits) {
    long magnitude = value < 0 ? -value : value; // Long.MIN_VALUE stays 2**63 read unsigned
    int bits = 64 - Long.numberOfLeadingZeros(magnitude);
    if (bits > limits.maxIntegerBits()) {
      throw BananaEncodingException.intTooLarge(value);
    }
    return digitCountForBits(bits) + 1;
  }

  private static int bigIntLength(BigInteger value, BananaLimits limits) {
    int bits = value.abs().bitLength();
    if (bits > limits.maxIntegerBits()) {
      throw BananaEncodingException.intTooLarge(value);
    }
    return digitCountForBits(bits) + 1;
  }

  private static void writeInt(long value, ByteBuf out) {
    if (value < 0) {
      writeDigits(-value, out);
      out.writeByte(value < SMALLEST_INT ? LONGNEG : NEG);
    } else {
      writeDigits(value, out);
      out.writeByte(value <= LARGEST_INT ? INT : LONGINT);
    }
  }

  /** Writes a value outside the long range: always LONGINT or LONGNEG. */
  private static void writeBigInt(BigInteger value, ByteBuf out) {
    BigInteger magnitude = value.abs();
    byte[] bigEndian = magnitude.toByteArray();
    int needed = digitCountForBits(magnitude.bitLength());
    int acc = 0;
    int bits = 0;
    int written = 0;
    for (int i = bigEndian.length - 1; i >= 0 && written < needed; i--) {
      acc |= (bigEndian[i] & 0xff) << bits;
      bits += 8;
      while (bits >= 7 && written < needed) {
        out.writeByte(acc & 0x7f);
        acc >>>= 7;
        bits -= 7;
        written++;
      }
    }
    if (written < needed) {
      out.writeByte(acc & 0x7f);
    }
    out.writeByte(value.signum() < 0 ? LONGNEG : LONGINT);
  }

  // ---- byte strings ----------------------------------------------------------------------------

  private static int bytesLength(byte[] value, boolean vocabulary, BananaLimits limits) {
    // Twisted looks the word up before checking the length.
    if (vocabulary && Vocabulary.indexOf(value) != 0) {
      return 2;
    }
    if (value.length > limits.sizeLimit()) {
      throw BananaEncodingException.bytesTooLong(value.length);
    }
    return digitCount(value.length) + 1 + value.length;
  }

  private static void writeBytes(byte[] value, boolean vocabulary, ByteBuf out) {
    int index = vocabulary ? Vocabulary.indexOf(value) : 0;
    if (index != 0) {
      writeDigits(index, out);
      out.writeByte(VOCAB);
    } else {
      writeDigits(value.length, out);
      out.writeByte(STRING);
      out.writeBytes(value);
    }
  }

  // ---- base-128 digits (Twisted: int2b128) -----------------------------------------------------

  /** Writes {@code magnitude}, read as unsigned, least significant digit first; 0 is {@code 00}. */
  static void writeDigits(long magnitude, ByteBuf out) {
    do {
      out.writeByte((int) (magnitude & 0x7f));
      magnitude >>>= 7;
    } while (magnitude != 0);
  }

  /** The number of digits {@link #writeDigits} writes for a non-negative {@code value}. */
  static int digitCount(long value) {
    return digitCountForBits(64 - Long.numberOfLeadingZeros(value));
  }

  private static int digitCountForBits(int bits) {
    return bits == 0 ? 1 : (bits + 6) / 7;
  }
}
