package dev.spindle.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.exceptions.AmpBackpressureException;
import dev.spindle.amp.exceptions.ConnectionLostException;
import dev.spindle.amp.internal.BatchingBoxEncoder;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.testing.LeakChecked;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Backpressure over real TCP on 127.0.0.1: a peer that does not read cannot make a connection
 * buffer without bound, the others are still served, and nothing is lost once it reads again.
 */
@LeakChecked
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AmpBackpressureTest {
  private static final int LOW = 16 * 1024;
  private static final int HIGH = 64 * 1024;
  private static final int ANSWER_BYTES = 1000;
  /**
   * The high mark, plus one write batch (the batching encoder's boxes reach the outbound buffer,
   * and so count for writability, a batch at a time), plus a few answers.
   */
  private static final int BOUND = HIGH + BatchingBoxEncoder.MAX_BATCH + 4 * ANSWER_BYTES;
  private static final long WAIT = 60;

  private static EventLoopGroup serverLoop;

  @BeforeAll
  static void start() {
    // One loop: the stalled connection and the healthy one share it.
    serverLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterAll
  static void stop() {
    serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** {@code Fill(n)} answers {@code n} and 1,000 bytes; {@code Slow} answers when the test says. */
  private static final class Responders implements CommandLocator {
    final CompletableFuture<AmpBox> slow = new CompletableFuture<>();

    @Override
    public BoxResponder locateResponder(String name) {
      switch (name) {
        case "Fill":
          return box -> {
            AmpBox answer = new AmpBox(2);
            answer.put("n", box.get("n"));
            answer.put("data", new byte[ANSWER_BYTES]);
            return CompletableFuture.completedFuture(answer);
          };
        case "Slow":
          return box -> slow;
        default:
          return null;
      }
    }
  }

  /** Records, from the head of a server channel's pipeline, the most bytes ever pending. */
  private static final class Meter extends ChannelDuplexHandler {
    volatile long maxPending;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      ctx.write(msg, promise);
      ChannelOutboundBuffer out = ctx.channel().unsafe().outboundBuffer();
      if (out != null && out.totalPendingWriteBytes() > maxPending) {
        maxPending = out.totalPendingWriteBytes();
      }
    }
  }

  /** Sees writability changes after the AMP handler acted on them. */
  private static final class PauseWatcher extends ChannelDuplexHandler {
    final CompletableFuture<Void> paused = new CompletableFuture<>();

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      if (!ctx.channel().isWritable() && !ctx.channel().config().isAutoRead()) {
        paused.complete(null);
      }
      ctx.fireChannelWritabilityChanged();
    }
  }

  private static byte[] box(String... keysAndValues) {
    AmpBox b = new AmpBox();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      b.put(keysAndValues[i], keysAndValues[i + 1].getBytes(StandardCharsets.US_ASCII));
    }
    return b.toByteArray();
  }

  /** Reads one box from {@code in}, or null at the end of the stream. */
  private static Map<String, byte[]> readBox(DataInputStream in) throws IOException {
    Map<String, byte[]> box = new HashMap<>();
    while (true) {
      int keyLength;
      try {
        keyLength = in.readUnsignedShort();
      } catch (EOFException e) {
        return null;
      }
      if (keyLength == 0) {
        return box;
      }
      byte[] key = new byte[keyLength];
      in.readFully(key);
      byte[] value = new byte[in.readUnsignedShort()];
      in.readFully(value);
      box.put(new String(key, StandardCharsets.US_ASCII), value);
    }
  }

  @Test
  void aPeerThatSendsButNeverReadsIsBoundedOthersAreServedAndNothingIsLost() throws Exception {
    int requests = 20_000; // 20 MB of answers: far more than the kernel's buffers hold
    Responders responders = new Responders();
    CompletableFuture<Channel> stalled = new CompletableFuture<>();
    Meter meter = new Meter();
    PauseWatcher watcher = new PauseWatcher();
    try (AmpServer server = AmpServer.builder()
            .eventLoopGroup(serverLoop)
            .writeBufferWaterMark(LOW, HIGH)
            .locator(responders)
            .onConnection(c -> {
              Channel ch = c.handler().channel();
              if (!stalled.isDone()) { // the first connection is the raw peer's
                ch.pipeline().addFirst(meter);
                ch.pipeline().addLast(watcher);
                stalled.complete(ch);
              }
            })
            .start();
        AmpClient client = AmpClient.builder().build();
        Socket peer = new Socket()) {
      peer.setReceiveBufferSize(8 * 1024);
      peer.setSoTimeout(60_000); // a read that hangs fails
      peer.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
      Channel serverSide = stalled.get(WAIT, TimeUnit.SECONDS);
      CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
        try {
          OutputStream out = new BufferedOutputStream(peer.getOutputStream(), 8192);
          for (int i = 1; i <= requests; i++) {
            String n = Integer.toString(i);
            out.write(box("_command", "Fill", "_ask", Integer.toHexString(i), "n", n));
          }
          out.flush();
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });

      // The server stops reading the peer that does not read, and buffers no more than its mark.
      watcher.paused.get(WAIT, TimeUnit.SECONDS);
      assertTrue(meter.maxPending <= BOUND,
          "pending " + meter.maxPending + " > " + BOUND);

      // Meanwhile another connection on the same event loop is served.
      AmpConnection healthy = client.connect("127.0.0.1", server.port()).get(WAIT, TimeUnit.SECONDS);
      AmpBox args = new AmpBox();
      args.put("n", "7".getBytes(StandardCharsets.US_ASCII));
      AmpBox answer = healthy.callRemoteString("Fill", args).get(WAIT, TimeUnit.SECONDS);
      assertEquals("7", answer.getString("n"));
      assertTrue(meter.maxPending <= BOUND, "pending " + meter.maxPending);

      // The peer reads: every answer arrives exactly once.
      DataInputStream in = new DataInputStream(new BufferedInputStream(peer.getInputStream(), 65536));
      BitSet answered = new BitSet();
      int answers = 0;
      while (answers < requests) {
        Map<String, byte[]> box = readBox(in);
        assertTrue(box != null, "the server closed after " + answers + " answers");
        int n = Integer.parseInt(new String(box.get("n"), StandardCharsets.US_ASCII));
        assertEquals(Integer.toHexString(n), new String(box.get("_answer"), StandardCharsets.US_ASCII));
        assertEquals(ANSWER_BYTES, box.get("data").length);
        assertFalse(answered.get(n), "answer " + n + " twice");
        answered.set(n);
        answers++;
      }
      written.get(WAIT, TimeUnit.SECONDS);
      assertEquals(requests, answered.cardinality());
      assertEquals(1, answered.nextSetBit(0));
      assertTrue(meter.maxPending <= BOUND, "pending " + meter.maxPending);
      // Reading resumed (in a loop task scheduled as the buffer fell below the low-water mark).
      assertTrue(serverSide.eventLoop().submit(() -> serverSide.config().isAutoRead())
          .get(WAIT, TimeUnit.SECONDS), "reading resumed");
    }
  }

  @Test
  void aSlowResponderStallsNeitherOtherCallsNorOtherConnections() throws Exception {
    Responders responders = new Responders();
    try (AmpServer server = AmpServer.builder().eventLoopGroup(serverLoop).locator(responders).start();
        AmpClient client = AmpClient.builder().build()) {
      AmpConnection a = client.connect("127.0.0.1", server.port()).get(WAIT, TimeUnit.SECONDS);
      AmpConnection b = client.connect("127.0.0.1", server.port()).get(WAIT, TimeUnit.SECONDS);
      CompletableFuture<AmpBox> slow = a.callRemoteString("Slow", new AmpBox());
      AmpBox args = new AmpBox();
      args.put("n", "1".getBytes(StandardCharsets.US_ASCII));
      assertEquals("1", a.callRemoteString("Fill", args).get(WAIT, TimeUnit.SECONDS).getString("n"));
      assertEquals("1", b.callRemoteString("Fill", args).get(WAIT, TimeUnit.SECONDS).getString("n"));
      assertFalse(slow.isDone());
      AmpBox late = new AmpBox();
      late.put("late", "yes".getBytes(StandardCharsets.US_ASCII));
      responders.slow.complete(late); // completes on this thread, not the loop
      assertEquals("yes", slow.get(WAIT, TimeUnit.SECONDS).getString("late"));
    }
  }

  @Test
  void callsFailFastAboveTheHighWaterMarkAndAProducerCanWait() throws Exception {
    try (ServerSocket listener = new ServerSocket()) {
      listener.setReceiveBufferSize(4096);
      listener.bind(new InetSocketAddress("127.0.0.1", 0));
      try (AmpClient client = AmpClient.builder().writeBufferWaterMark(2048, 8192).build()) {
        CompletableFuture<AmpConnection> connecting = client.connect("127.0.0.1", listener.getLocalPort());
        try (Socket peer = listener.accept()) {
          peer.setSoTimeout(60_000); // a read that hangs fails
          AmpConnection c = connecting.get(WAIT, TimeUnit.SECONDS);
          AmpBox args = new AmpBox();
          args.put("data", new byte[1000]);
          int accepted = 0;
          int refused = 0;
          // Call until refused while the channel itself is full (not only the queue from this
          // thread, which the loop may still drain into the kernel's buffers).
          while (true) {
            assertTrue(accepted < 200_000, "never refused");
            CompletableFuture<AmpBox> f = c.callRemoteString("Fill", args);
            if (!f.isCompletedExceptionally()) {
              accepted++;
              continue;
            }
            Throwable t = assertThrows(ExecutionException.class, f::get).getCause();
            assertInstanceOf(AmpBackpressureException.class, t);
            refused++;
            Channel ch = c.handler().channel();
            if (!ch.isWritable()) {
              break;
            }
            // Refused for what this thread queued: the loop is writing it out. Then the
            // connection either takes calls again or its channel is full.
            CompletableFuture<Void> w = c.whenWritable().toCompletableFuture();
            while (!w.isDone() && ch.isWritable()) {
              Thread.onSpinWait();
            }
          }
          // The kernel's buffers may still grow and take a little more, so this may complete
          // before the peer reads; it must once the peer does.
          CompletableFuture<Void> writable = c.whenWritable().toCompletableFuture();
          // The mark, one write batch of the encoder and a call or two.
          long pending = c.handler().pendingWriteBytes();
          assertTrue(pending <= 8192 + BatchingBoxEncoder.MAX_BATCH + 2 * 1100, "pending " + pending);

          // The peer reads: the producer may go on, and every accepted call arrived once.
          DataInputStream in = new DataInputStream(new BufferedInputStream(peer.getInputStream(), 65536));
          BitSet asks = new BitSet();
          for (int i = 0; i < accepted; i++) {
            Map<String, byte[]> box = readBox(in);
            int tag = Integer.parseInt(new String(box.get("_ask"), StandardCharsets.US_ASCII), 16);
            assertFalse(asks.get(tag), "call " + tag + " twice");
            asks.set(tag);
          }
          writable.get(WAIT, TimeUnit.SECONDS);
          assertTrue(c.isWritable());
          CompletableFuture<AmpBox> after = c.callRemoteString("Fill", args);
          assertFalse(after.isDone());
          Map<String, byte[]> last = readBox(in);
          assertEquals("Fill", new String(last.get("_command"), StandardCharsets.US_ASCII));
          assertEquals(accepted, asks.cardinality());
          assertTrue(refused >= 1);
          c.close().toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
          assertInstanceOf(ConnectionLostException.class,
              assertThrows(ExecutionException.class, () -> after.get(WAIT, TimeUnit.SECONDS)).getCause());
          CompletableFuture<Void> closedWaiter = c.whenWritable().toCompletableFuture();
          assertInstanceOf(ConnectionLostException.class,
              assertThrows(ExecutionException.class, () -> closedWaiter.get(WAIT, TimeUnit.SECONDS)).getCause());
        }
      }
    }
  }
}
