package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.spindle.pb.banana.BananaDecoder;
import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaEncoder;
import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.banana.BananaRole;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.testing.Vectors;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * One PB endpoint on an {@link EmbeddedChannel} with the real pipeline (Banana and the broker),
 * without the Cleaner (collection must not add decrefs to byte-exact replays). Reads and releases
 * what it writes, one buffer per message.
 */
final class EmbeddedPb implements AutoCloseable {
  final EmbeddedChannel channel;
  final PbConnection connection;

  EmbeddedPb(PbEndpointBuilder<?> builder, BananaRole role, Object root) {
    channel = new EmbeddedChannel();
    connection = builder.autoRelease(false).setup(role, root).init(channel);
  }

  static EmbeddedPb server(Object root, PbEndpointBuilder<?> builder) {
    return new EmbeddedPb(builder, BananaRole.SERVER, root);
  }

  static EmbeddedPb client(PbEndpointBuilder<?> builder) {
    return new EmbeddedPb(builder, BananaRole.CLIENT, null);
  }

  /** Feeds the peer's bytes. */
  void feed(String hex) {
    channel.writeInbound(Unpooled.wrappedBuffer(Vectors.hex(hex)));
  }

  /** Feeds the peer's message, encoded in the {@code pb} dialect. */
  void feed(Sexp message) {
    channel.writeInbound(Unpooled.wrappedBuffer(BananaEncoder.encode(message, BananaDialect.PB)));
  }

  /** The next message this side wrote, as hex, or null if there is none. */
  String next() {
    channel.runPendingTasks();
    ByteBuf b = channel.readOutbound();
    if (b == null) {
      return null;
    }
    try {
      return ByteBufUtil.hexDump(b);
    } finally {
      b.release();
    }
  }

  /** The next message this side wrote, decoded (pb dialect). */
  Sexp nextSexp() {
    String hex = next();
    assertNotNull(hex, "expected a message");
    return decode(hex);
  }

  void assertNext(String expectedHex, String what) {
    assertEquals(expectedHex, next(), what);
  }

  void assertNothingWritten(String what) {
    assertNull(next(), what);
  }

  static Sexp decode(String hex) {
    EmbeddedChannel ch = new EmbeddedChannel(new BananaDecoder(BananaLimits.DEFAULT, BananaDialect.PB));
    try {
      ch.writeInbound(Unpooled.wrappedBuffer(Vectors.hex(hex)));
      Sexp s = ch.readInbound();
      assertNotNull(s, "undecodable " + hex);
      assertNull(ch.readInbound(), "one message expected in " + hex);
      return s;
    } finally {
      ch.finishAndReleaseAll();
    }
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
  }
}
