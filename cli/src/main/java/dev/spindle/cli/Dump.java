package dev.spindle.cli;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.codec.AmpBoxDecoder;
import dev.spindle.pb.banana.BananaDecoder;
import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.banana.Sexp;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * {@code spindle dump}: prints a captured byte stream (one direction of a connection) as AMP boxes,
 * Banana s-expressions or PB messages, one per line.
 */
final class Dump {
  static final String USAGE =
      "usage: spindle dump [FILE|-] [--hex] [--protocol amp|banana|pb] [--dialect pb|none] [--offsets]";

  static final String HELP = USAGE + "\n"
      + "\n"
      + "Reads one direction of a connection (FILE, or standard input if none or -) and prints it:\n"
      + "  amp     one box per line, KEY=VALUE in the order received, values as Python bytes\n"
      + "  banana  one s-expression per line: [b'version', 6]\n"
      + "  pb      one PB message per line, the Jelly inside shown as Python values:\n"
      + "          message 1 to root: echo(42)   answer 1: 42   error 2: <failure builtins.ValueError: 'boom'>\n"
      + "Without --protocol it guesses: AMP if the stream starts like a box, else PB if it starts with\n"
      + "Banana's dialect handshake or a PB message, else Banana.\n"
      + "\n"
      + "Options:\n"
      + "  --hex             the input is hexadecimal text (blanks ignored); guessed when it only\n"
      + "                    holds hex digits and blanks\n"
      + "  --protocol P      amp, banana or pb\n"
      + "  --dialect D       Banana's dialect after the handshake (default: the one the handshake\n"
      + "                    picks; pb if the stream has no handshake)\n"
      + "  --offsets         start each line with the byte offset of what it shows (@12)\n"
      + "\n"
      + "Exit status: 0 the whole stream was read, 2 usage error, 3 the input cannot be read or is\n"
      + "not the protocol (what came before the problem is printed; the problem goes to stderr).\n"
      + "\n"
      + "Examples:\n"
      + "  spindle dump capture.bin\n"
      + "  echo 00045f61736b00013100085f636f6d6d616e64000353756d0000 | spindle dump --hex\n"
      + "  spindle dump --protocol pb --offsets server-to-client.bin";

  /** The protocols {@code --protocol} names. */
  enum Protocol {
    AMP,
    BANANA,
    PB
  }

  private Dump() {}

  static int run(List<String> args, Io io) {
    ArgParser.Parsed p = new ArgParser()
        .flag("hex").flag("offsets").option("protocol").option("dialect")
        .parse(args);
    if (p.has("help")) {
      io.out().println(HELP);
      return Exit.OK;
    }
    List<String> pos = p.positional();
    if (pos.size() > 1) {
      throw CliException.usage("one input at most: " + String.join(" ", pos));
    }
    Protocol protocol = null;
    if (p.value("protocol") != null) {
      try {
        protocol = Protocol.valueOf(p.value("protocol").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw CliException.usage("--protocol: " + p.value("protocol") + " (expected: amp, banana or pb)");
      }
    }
    BananaDialect dialect = null;
    if (p.value("dialect") != null) {
      dialect = BananaDialect.forWireName(p.value("dialect").getBytes(StandardCharsets.US_ASCII));
      if (dialect == null) {
        throw CliException.usage("--dialect: " + p.value("dialect") + " (expected: pb or none)");
      }
    }
    if (dialect != null && protocol == Protocol.AMP) {
      throw CliException.usage("--dialect is for Banana and PB streams");
    }
    String source = pos.isEmpty() ? "-" : pos.get(0);
    byte[] bytes = read(source, io);
    if (p.has("hex") || looksLikeHex(bytes)) {
      bytes = hex(bytes, source);
    }
    if (bytes.length == 0) {
      io.err().println("spindle dump: " + (source.equals("-") ? "standard input" : source) + " is empty");
      return Exit.OK;
    }
    if (protocol == null && dialect == null && looksLikeAmp(bytes)) {
      protocol = Protocol.AMP;
    }
    boolean offsets = p.has("offsets");
    if (protocol == Protocol.AMP) {
      return amp(bytes, offsets, io);
    }
    return banana(bytes, protocol, dialect, offsets, io);
  }

  private static byte[] read(String source, Io io) {
    try {
      return source.equals("-") ? io.in().readAllBytes() : Files.readAllBytes(Path.of(source));
    } catch (NoSuchFileException e) {
      throw CliException.failure("cannot read " + source + ": no such file", e);
    } catch (IOException e) {
      throw CliException.failure("cannot read " + source + ": " + e, e);
    }
  }

  /** True if the input only holds hex digits (an even number, at least two) and blanks. */
  static boolean looksLikeHex(byte[] b) {
    int digits = 0;
    for (byte x : b) {
      if (Character.digit(x, 16) >= 0) {
        digits++;
      } else if (x != ' ' && x != '\t' && x != '\r' && x != '\n') {
        return false;
      }
    }
    return digits >= 2 && digits % 2 == 0;
  }

  private static byte[] hex(byte[] text, String source) {
    String s = new String(text, StandardCharsets.ISO_8859_1).replaceAll("\\s+", "");
    try {
      return HexFormat.of().parseHex(s);
    } catch (IllegalArgumentException e) {
      throw CliException.failure(source + ": not hexadecimal (" + e.getMessage() + ")", e);
    }
  }

  /**
   * True if the stream starts like an AMP box: a key length from 1 to 255 and a printable key, or
   * an empty box. A Banana stream cannot: its first bytes are a length prefix and a type byte
   * (0x80 and above).
   */
  static boolean looksLikeAmp(byte[] b) {
    if (b.length < 2 || b[0] != 0) {
      return false;
    }
    int keyLength = b[1] & 0xff;
    if (keyLength == 0) {
      return true;
    }
    for (int i = 2; i < Math.min(b.length, 2 + keyLength); i++) {
      if (b[i] < 0x20 || b[i] > 0x7e) {
        return false;
      }
    }
    return true;
  }

  // ---- AMP ---------------------------------------------------------------------------------

  private static int amp(byte[] bytes, boolean offsets, Io io) {
    List<Integer> ends = boxEnds(bytes);
    Collector collector = new Collector();
    EmbeddedChannel ch = new EmbeddedChannel(new AmpBoxDecoder(), collector);
    ch.writeInbound(Unpooled.wrappedBuffer(bytes));
    ch.finishAndReleaseAll();
    int start = 0;
    for (int i = 0; i < collector.received.size(); i++) {
      AmpBox box = (AmpBox) collector.received.get(i);
      io.out().println((offsets ? "@" + start + " " : "") + boxLine(box));
      start = i < ends.size() ? ends.get(i) : start;
    }
    io.out().flush();
    if (collector.error != null) {
      throw CliException.failure("at byte " + start + ": " + message(collector.error), collector.error);
    }
    if (start < bytes.length) {
      throw CliException.failure(
          "incomplete box at the end: " + (bytes.length - start) + " bytes from byte " + start, null);
    }
    return Exit.OK;
  }

  /** The offsets where complete boxes end, up to the first incomplete or malformed one. */
  private static List<Integer> boxEnds(byte[] b) {
    List<Integer> ends = new ArrayList<>();
    int p = 0;
    while (p + 2 <= b.length) {
      int keyLength = u16(b, p);
      if (keyLength == 0) {
        p += 2;
        ends.add(p);
        continue;
      }
      if (keyLength > 255 || p + 2 + keyLength + 2 > b.length) {
        break;
      }
      int valueEnd = p + 4 + keyLength + u16(b, p + 2 + keyLength);
      if (valueEnd > b.length) {
        break;
      }
      p = valueEnd;
    }
    return ends;
  }

  private static int u16(byte[] b, int p) {
    return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
  }

  /** A box on one line: {@code _ask=b'1' _command=b'Sum' a=b'13'}. */
  static String boxLine(AmpBox box) {
    if (box.isEmpty()) {
      return "(empty box)";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < box.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append(keyText(box.keyAt(i))).append('=').append(PyText.bytes(box.valueAt(i)));
    }
    return sb.toString();
  }

  /** A box key as text if it is printable ASCII without blanks or {@code =}, else as Python bytes. */
  static String keyText(byte[] key) {
    String k = new String(key, StandardCharsets.ISO_8859_1);
    return k.matches("[\\x21-\\x3c\\x3e-\\x7e]+") ? k : PyText.bytes(key);
  }

  // ---- Banana and PB -----------------------------------------------------------------------

  private static int banana(byte[] bytes, Protocol protocol, BananaDialect forced, boolean offsets, Io io) {
    ByteBuf buf = Unpooled.wrappedBuffer(bytes);
    BananaDecoder decoder = new BananaDecoder(BananaLimits.DEFAULT, forced != null ? forced : BananaDialect.PB);
    Printer printer = new Printer(buf, decoder, protocol, forced, offsets, io);
    EmbeddedChannel ch = new EmbeddedChannel(decoder, printer);
    ch.writeInbound(buf);
    ch.finishAndReleaseAll();
    io.out().flush();
    if (printer.error != null) {
      throw CliException.failure(
          "at byte " + printer.lastEnd + ": " + message(printer.error), printer.error);
    }
    if (printer.lastEnd < bytes.length) {
      throw CliException.failure("incomplete expression at the end: " + (bytes.length - printer.lastEnd)
          + " bytes from byte " + printer.lastEnd, null);
    }
    return Exit.OK;
  }

  /**
   * Prints each expression as the decoder emits it, and follows the dialect handshake. The
   * decoder emits a top-level expression as soon as its last byte is read, so the input buffer's
   * reader index is then the expression's end.
   */
  private static final class Printer extends ChannelInboundHandlerAdapter {
    private final ByteBuf input;
    private final BananaDecoder decoder;
    private final BananaDialect forced;
    private final boolean offsets;
    private final Io io;
    private Protocol protocol;
    private int count;
    int lastEnd;
    Throwable error;

    Printer(ByteBuf input, BananaDecoder decoder, Protocol protocol, BananaDialect forced, boolean offsets, Io io) {
      this.input = input;
      this.decoder = decoder;
      this.protocol = protocol;
      this.forced = forced;
      this.offsets = offsets;
      this.io = io;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      Sexp s = (Sexp) msg;
      int start = lastEnd;
      lastEnd = input.readerIndex();
      String line = null;
      if (count++ == 0) {
        line = handshake(s);
        if (protocol == null) {
          protocol = line != null || SexpText.isPbMessage(s) ? Protocol.PB : Protocol.BANANA;
        }
      }
      if (protocol == Protocol.BANANA || line == null) {
        line = protocol == Protocol.PB ? SexpText.pb(s) : SexpText.banana(s);
      }
      io.out().println((offsets ? "@" + start + " " : "") + line);
    }

    /** If {@code first} is the handshake, switches the decoder and returns its PB line; else null. */
    private String handshake(Sexp first) {
      BananaDialect chosen = null;
      String line = null;
      if (first instanceof Sexp.SList offer && offer.size() > 0) {
        List<String> names = new ArrayList<>();
        for (Sexp item : offer.items()) {
          if (!(item instanceof Sexp.Bytes b)) {
            return null;
          }
          names.add(b.asLatin1());
          if (chosen == null) {
            chosen = BananaDialect.forSexp(b);
          }
        }
        line = "dialects offered: " + String.join(", ", names);
      } else if (first instanceof Sexp.Bytes b && BananaDialect.forSexp(b) != null) {
        chosen = BananaDialect.forSexp(b);
        line = "dialect chosen: " + b.asLatin1();
      }
      if (chosen == null) {
        return null;
      }
      decoder.setDialect(forced != null ? forced : chosen);
      return line;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (error == null) {
        error = cause;
      }
    }
  }

  /** Collects what the decoder emits, and its first error. */
  private static final class Collector extends ChannelInboundHandlerAdapter {
    final List<Object> received = new ArrayList<>();
    Throwable error;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      received.add(msg);
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (error == null) {
        error = cause;
      }
    }
  }

  private static String message(Throwable t) {
    Throwable c = t instanceof DecoderException && t.getCause() != null ? t.getCause() : t;
    return c.getMessage() != null ? c.getMessage() : c.toString();
  }
}
