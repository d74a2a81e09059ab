package dev.spindle.attacks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaEncoder;
import dev.spindle.pb.banana.Sexp;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a plain-socket attacker needs: connect to 127.0.0.1 with a read timeout, AMP boxes and PB
 * messages as bytes, the PB handshake, and bounded reads (until a marker, or until the server
 * closes). Everything here fails the test rather than waiting without end.
 */
final class Wire {
  /** Longest single blocking read; every wait in the suite is bounded by it or less. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private static final HexFormat HEX = HexFormat.of();

  private Wire() {}

  /** A socket to 127.0.0.1:{@code port}. */
  static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), (int) READ_TIMEOUT.toMillis());
    s.setSoTimeout((int) READ_TIMEOUT.toMillis());
    s.setTcpNoDelay(true);
    return s;
  }

  // ---- AMP ----------------------------------------------------------------------------------

  /** One AMP box from alternating keys and values (ISO-8859-1 text). */
  static byte[] ampBox(String... keysAndValues) {
    byte[][] raw = new byte[keysAndValues.length][];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = keysAndValues[i].getBytes(StandardCharsets.ISO_8859_1);
    }
    return ampBox(raw);
  }

  /** One AMP box from alternating raw keys and values. */
  static byte[] ampBox(byte[]... keysAndValues) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] field : keysAndValues) {
      out.write(field.length >>> 8);
      out.write(field.length & 0xff);
      out.writeBytes(field);
    }
    out.write(0);
    out.write(0);
    return out.toByteArray();
  }

  // ---- PB -----------------------------------------------------------------------------------

  /** The server's dialect offer, {@code ["pb", "none"]}. */
  static final byte[] DIALECT_OFFER = HEX.parseHex("02800282706204826e6f6e65");
  /** {@code ["version", 6]} in the pb dialect. */
  static final byte[] VERSION = HEX.parseHex("028013870681");

  /** {@code answer} on the wire (VOCAB 27), as read into ISO-8859-1 text. */
  static final String PB_ANSWER = "\u001b\u0087";
  /** {@code remote} on the wire (VOCAB 16): an exported reference in an answer. */
  static final String PB_REMOTE = "\u0010\u0087";

  /** Connects and completes the banana/PB handshake ("pb", version 6) as a Twisted client does. */
  static Socket pbConnect(int port) throws IOException {
    Socket s = connect(port);
    InputStream in = s.getInputStream();
    assertArrayEquals(DIALECT_OFFER, in.readNBytes(DIALECT_OFFER.length), "dialect offer");
    s.getOutputStream().write(HEX.parseHex("02827062"));
    s.getOutputStream().write(VERSION);
    assertArrayEquals(VERSION, in.readNBytes(VERSION.length), "version");
    return s;
  }

  /** {@code expression} in the pb dialect. */
  static byte[] pb(Sexp expression) {
    return BananaEncoder.encode(expression, BananaDialect.PB);
  }

  static Sexp l(Sexp... items) {
    return Sexp.list(items);
  }

  static Sexp a(String word) {
    return Sexp.ascii(word);
  }

  static Sexp i(long v) {
    return Sexp.integer(v);
  }

  /** {@code ["message", id, "root", method, answer?1:0, ["tuple", args...], ["dictionary"]]}. */
  static Sexp rootCall(long id, String method, boolean answer, Sexp... args) {
    List<Sexp> tuple = new ArrayList<>();
    tuple.add(a("tuple"));
    tuple.addAll(List.of(args));
    return l(a("message"), i(id), a("root"), a(method), i(answer ? 1 : 0), Sexp.list(tuple),
        l(a("dictionary")));
  }

  // ---- Reading ------------------------------------------------------------------------------

  /**
   * Reads until the bytes read contain {@code marker} (ISO-8859-1); returns them. Fails if the
   * connection closes or {@code limit} passes first.
   */
  static String readUntil(Socket s, String marker, Duration limit) throws IOException {
    return skipUntil(s, marker, Integer.MAX_VALUE, limit);
  }

  /**
   * As {@link #readUntil}, keeping only the first {@code keep} bytes read, which it returns: for
   * attackers that read long answers, so that they, which share this machine's cores with the
   * server, spend no more than one pass over the bytes (the search looks at each chunk with the
   * marker's length of the one before, never at all that was read).
   */
  static String skipUntil(Socket s, String marker, int keep, Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    byte[] buf = new byte[65536];
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    InputStream in = s.getInputStream();
    String tail = "";
    while (true) {
      int n = readSome(s, in, buf, deadline);
      if (n < 0) {
        fail("closed before " + printable(marker) + "; got "
            + printable(first.toString(StandardCharsets.ISO_8859_1)));
      }
      if (first.size() < keep) {
        first.write(buf, 0, Math.min(n, keep - first.size()));
      }
      String window = tail + new String(buf, 0, n, StandardCharsets.ISO_8859_1);
      if (window.contains(marker)) {
        return first.toString(StandardCharsets.ISO_8859_1);
      }
      tail = window.substring(Math.max(0, window.length() - marker.length() + 1));
    }
  }

  /** As {@link #readUntil}, but returns null if {@code limit} passes first (an answer delayed). */
  static String tryReadUntil(Socket s, String marker, Duration limit) throws IOException {
    try {
      return readUntil(s, marker, limit);
    } catch (org.opentest4j.AssertionFailedError e) {
      if (String.valueOf(e.getMessage()).startsWith("no answer and not closed")) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Reads until the server closes the connection (EOF or reset); returns what it sent. Fails if it
   * is still open after {@code limit}: the attacked connection must be closed.
   */
  static String readUntilClosed(Socket s, Duration limit) throws IOException {
    long deadline = System.nanoTime() + limit.toNanos();
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    InputStream in = s.getInputStream();
    while (true) {
      int n;
      try {
        n = readSome(s, in, buf, deadline);
      } catch (SocketException reset) {
        break; // the server closed with unread input: RST
      }
      if (n < 0) {
        break;
      }
      if (seen.size() < 1 << 20) {
        seen.write(buf, 0, n);
      }
    }
    return seen.toString(StandardCharsets.ISO_8859_1);
  }

  /** Writes {@code bytes}; false if the server has closed (reset, broken pipe). */
  static boolean writeQuietly(Socket s, byte[] bytes) {
    try {
      s.getOutputStream().write(bytes);
      return true;
    } catch (IOException closed) {
      return false;
    }
  }

  private static int readSome(Socket s, InputStream in, byte[] buf, long deadline)
      throws IOException {
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("no answer and not closed within the limit");
      }
      s.setSoTimeout((int) Math.max(1, Math.min(left / 1_000_000, READ_TIMEOUT.toMillis())));
      try {
        return in.read(buf);
      } catch (SocketTimeoutException e) {
        // loop: the deadline decides
      }
    }
  }

  /** Text fit for an assertion message. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < 400; i++) {
      char c = s.charAt(i);
      sb.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
    }
    return sb.toString();
  }
}
