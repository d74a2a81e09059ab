package dev.spindle.attacks;

import static dev.spindle.attacks.Wire.ampBox;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Plain-socket attacks on an AMP server (the golden commands), each checked by {@link
 * AttackTestBase#underAttack}: the attacked connections get Twisted's answer or are closed, normal
 * clients keep being served, the heap and the log stay bounded.
 */
class AmpAttacksTest extends AttackTestBase {
  private static final Duration ATTACK = Duration.ofMillis(1500);
  private static final Duration CLOSE_LIMIT = Duration.ofSeconds(5);

  /** A 38-byte Sum whose first argument does not parse. */
  private static final byte[] BAD_SUM = ampBox("_ask", "1", "_command", "Sum", "a", "x", "b", "1");

  /**
   * Finding 3: boxes with one unparsable argument, each on its own connection (the server closes
   * after UNKNOWN), from 4 threads. Before: 39 WARN lines with a stack trace per box; now at most
   * a few rate-limited summary lines in all.
   */
  @Test
  void unparsableArgumentsOnManyConnections() throws Exception {
    assertEquals(38, BAD_SUM.length);
    Report r = underAttack("amp-unparsable-argument x connections", HEAP_BOUND, 30, ctx -> {
      long n = parallel(4, ATTACK, (t, i) -> {
        try (Socket s = Wire.connect(target.amp.port())) {
          s.getOutputStream().write(BAD_SUM);
          String answer = Wire.readUntilClosed(s, CLOSE_LIMIT);
          // Twisted: _error 1, UNKNOWN, "Unknown Error", then the connection is dropped.
          assertTrue(answer.contains("_error_code\u0000\u0007UNKNOWN"), Wire.printable(answer));
          assertTrue(answer.contains("Unknown Error"), Wire.printable(answer));
        }
      });
      assertTrue(n >= 100 || SCALE > 1, "only " + n + " connections");
    });
    System.out.println("[attack] bad boxes sent: see probes; log lines " + r.logLines());
  }

  /**
   * Finding 3: unknown commands pipelined, 1,000 per connection, connection after connection:
   * each answered UNHANDLED and the connection kept open (a good call after them is answered);
   * one summary line per connection at most, rate-limited.
   */
  @Test
  void unknownCommandsPipelined() throws Exception {
    int count = 1_000 * SCALE;
    byte[] one = ampBox("_ask", "1", "_command", "NoSuchCommand\n[main] WARN forged");
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (int k = 0; k < count; k++) {
      all.writeBytes(one);
    }
    all.writeBytes(ampBox("_ask", "2", "_command", "Sum", "a", "1", "b", "2"));
    byte[] bytes = all.toByteArray();
    underAttack("amp-unknown-commands x" + count + " per connection", HEAP_BOUND, 15, ctx ->
        parallel(1, ATTACK, (t, n) -> {
          try (Socket s = Wire.connect(target.amp.port())) {
            s.getOutputStream().write(bytes);
            String seen = Wire.readUntil(s, "_answer\u0000\u00012", Wire.READ_TIMEOUT);
            assertTrue(seen.contains("UNHANDLED"), "Twisted's answer to an unknown command");
            assertTrue(seen.contains("total\u0000\u00013"), "the good call after them");
          }
        }));
  }

  /** A box of 20,000 keys (180 KB) lacking Sum's arguments: parsed, then UNKNOWN and closed. */
  @Test
  void oneBoxWithManyKeys() throws Exception {
    int keys = 20_000 * SCALE;
    underAttack("amp-many-keys x" + keys, ctx -> {
      byte[][] fields = new byte[2 * keys + 4][];
      fields[0] = "_ask".getBytes(StandardCharsets.US_ASCII);
      fields[1] = "1".getBytes(StandardCharsets.US_ASCII);
      fields[2] = "_command".getBytes(StandardCharsets.US_ASCII);
      fields[3] = "Sum".getBytes(StandardCharsets.US_ASCII);
      for (int k = 0; k < keys; k++) {
        fields[4 + 2 * k] = ("k" + k).getBytes(StandardCharsets.US_ASCII);
        fields[5 + 2 * k] = new byte[0];
      }
      byte[] box = ampBox(fields);
      parallel(1, ATTACK, (t, i) -> {
        try (Socket s = Wire.connect(target.amp.port())) {
          s.getOutputStream().write(box);
          String answer = Wire.readUntilClosed(s, Wire.READ_TIMEOUT);
          // Sum lacks a and b: UNKNOWN, then closed (as Twisted).
          assertTrue(answer.contains("UNKNOWN"), Wire.printable(answer));
        }
      });
    });
  }

  /** Malformed framing: an empty box, a key over 255 bytes, a box over the 16 MiB limit. */
  @Test
  void malformedFramingIsClosed() throws Exception {
    byte[] longKey = new byte[2 + 256];
    longKey[0] = 0x01; // key length 256: Twisted's TooLong
    byte[] overLimit = new byte[] {0x00, 0x01, 'k', (byte) 0xff, (byte) 0xff};
    underAttack("amp-malformed-framing", ctx -> parallel(3, ATTACK, (t, i) -> {
      try (Socket s = Wire.connect(target.amp.port())) {
        if (t == 0) {
          s.getOutputStream().write(new byte[] {0, 0}); // NoEmptyBoxes
        } else if (t == 1) {
          s.getOutputStream().write(longKey);
        } else {
          // 300 values of 65,535 bytes in one box: over 16 MiB, closed before the end.
          byte[] value = new byte[65_535];
          for (int v = 0; v < 300 && Wire.writeQuietly(s, overLimit); v++) {
            if (!Wire.writeQuietly(s, value)) {
              break;
            }
          }
        }
        Wire.readUntilClosed(s, CLOSE_LIMIT);
      }
    }));
  }

  /** Invalid UTF-8 in a command name and in a unicode-typed value. */
  @Test
  void badUtf8() throws Exception {
    underAttack("amp-bad-utf8", ctx -> parallel(2, ATTACK, (t, i) -> {
      try (Socket s = Wire.connect(target.amp.port())) {
        if (t == 0) {
          // Twisted: UNHANDLED "Unhandled Command: b'\xff\xfe'"; the connection stays open.
          s.getOutputStream().write(ampBox("_ask".getBytes(StandardCharsets.US_ASCII),
              "1".getBytes(StandardCharsets.US_ASCII), "_command".getBytes(StandardCharsets.US_ASCII),
              new byte[] {(byte) 0xff, (byte) 0xfe}));
          String answer = Wire.readUntil(s, "UNHANDLED", CLOSE_LIMIT);
          assertTrue(answer.contains("_error_code"), Wire.printable(answer));
        } else {
          // Explode(how: Unicode) with bytes that are not UTF-8: UNKNOWN, closed.
          s.getOutputStream().write(ampBox("_ask".getBytes(StandardCharsets.US_ASCII),
              "1".getBytes(StandardCharsets.US_ASCII), "_command".getBytes(StandardCharsets.US_ASCII),
              "Explode".getBytes(StandardCharsets.US_ASCII), "how".getBytes(StandardCharsets.US_ASCII),
              new byte[] {(byte) 0xc3, (byte) 0x28}));
          String answer = Wire.readUntilClosed(s, CLOSE_LIMIT);
          assertTrue(answer.contains("UNKNOWN"), Wire.printable(answer));
        }
      }
    }));
  }

  /** Answers for tags never asked, and random bytes: closed. */
  @Test
  void unknownAnswersAndRandomBytesAreClosed() throws Exception {
    underAttack("amp-unknown-answer-and-random-bytes", ctx -> parallel(2, ATTACK, (t, i) -> {
      try (Socket s = Wire.connect(target.amp.port())) {
        if (t == 0) {
          s.getOutputStream().write(ampBox("_answer", "99", "total", "1"));
        } else {
          byte[] noise = new byte[64 * 1024];
          new Random(i).nextBytes(noise);
          Wire.writeQuietly(s, noise);
        }
        Wire.readUntilClosed(s, CLOSE_LIMIT);
      }
    }));
  }
}
