package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.testing.BoxBytes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One end of an AMP connection on an {@link EmbeddedChannel}, with the real pipeline built by
 * {@link AmpSetup#initializer} from an endpoint builder. Bytes from the "peer" are fed in;
 * what this end writes is read out (one buffer per flushed batch of boxes) and released.
 */
final class EmbeddedAmp implements AutoCloseable {
  final EmbeddedChannel channel;
  final AmpConnection connection;

  private EmbeddedAmp(EmbeddedChannel channel, AmpConnection connection) {
    this.channel = channel;
    this.connection = connection;
  }

  /** An end with {@code builder}'s options (locator, limits, ...). */
  static EmbeddedAmp of(AmpEndpointBuilder<?> builder) {
    AtomicReference<AmpConnection> connection = new AtomicReference<>();
    EmbeddedChannel ch = new EmbeddedChannel(builder.setup().initializer(null, connection::set));
    return new EmbeddedAmp(ch, connection.get());
  }

  /** Feeds bytes from the peer in one read (no-op assertion failure if the channel is closed). */
  void feed(byte[] bytes) {
    assertTrue(channel.isOpen(), "feeding a closed channel");
    channel.writeInbound(channel.alloc().buffer(bytes.length).writeBytes(bytes));
    channel.runPendingTasks();
  }

  /** Feeds bytes one at a time, each its own read. */
  void feedBytewise(byte[] bytes) {
    for (byte b : bytes) {
      feed(new byte[] {b});
    }
  }

  /** Feeds the wire form of {@code box}. */
  void feed(AmpBox box) {
    feed(box.toByteArray());
  }

  /** Runs queued event-loop tasks (flushes, drains, close notifications). */
  void runPendingTasks() {
    channel.runPendingTasks();
  }

  /** Returns what this end wrote since the last call: one array per write (per flushed batch). */
  List<byte[]> written() {
    channel.runPendingTasks();
    List<byte[]> out = new ArrayList<>();
    Object o;
    while ((o = channel.readOutbound()) != null) {
      ByteBuf buf = (ByteBuf) o;
      try {
        out.add(ByteBufUtil.getBytes(buf));
      } finally {
        buf.release();
      }
    }
    return out;
  }

  /** Returns the boxes this end wrote since the last call. */
  List<AmpBox> writtenBoxes() {
    List<AmpBox> out = new ArrayList<>();
    for (byte[] b : written()) {
      out.addAll(BoxBytes.parse(b));
    }
    return out;
  }

  /** The box this end wrote, asserting there was exactly one. */
  AmpBox onlyWrittenBox() {
    List<AmpBox> boxes = writtenBoxes();
    if (boxes.size() != 1) {
      throw new AssertionError("expected one box, got " + boxes);
    }
    return boxes.get(0);
  }

  @Override
  public void close() {
    channel.finishAndReleaseAll();
  }
}
