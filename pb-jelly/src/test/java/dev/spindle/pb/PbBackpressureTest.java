package dev.spindle.pb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.pb.banana.BananaDecoder;
import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaEncoder;
import dev.spindle.pb.banana.BananaLimits;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.exceptions.PbBackpressureException;
import dev.spindle.pb.exceptions.PbConnectionLostException;
import dev.spindle.pb.flavors.Root;
import dev.spindle.testing.LeakChecked;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Backpressure over real TCP on 127.0.0.1: a PB peer that calls but does not read cannot make a
 * connection buffer without bound, the others are still served, and nothing is lost once it
 * reads again.
 */
@LeakChecked
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PbBackpressureTest {
  private static final int LOW = 16 * 1024;
  private static final int HIGH = 64 * 1024;
  private static final int ANSWER_BYTES = 1000;
  private static final long WAIT = 60;
  private static final String PAD = "p".repeat(1000);

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

  /** {@code fill(n)} answers 1,000 bytes; {@code slow()} answers when the test says. */
  public static final class Filler implements Root {
    final CompletableFuture<String> slow = new CompletableFuture<>();

    public String remote_fill(long n) {
      return "x".repeat(ANSWER_BYTES);
    }

    public String remote_pad(long n, String pad) {
      return "x".repeat(ANSWER_BYTES);
    }

    public CompletableFuture<String> remote_slow() {
      return slow;
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

  /** Sees writability changes after the broker's handler acted on them. */
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

  private static Sexp.Bytes ascii(String s) {
    return new Sexp.Bytes(s.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }

  /** {@code root.callRemote("fill", n)} as the wire carries it, request id {@code n}. */
  private static byte[] fill(long n) {
    Sexp message = Sexp.list(ascii("message"), new Sexp.Int(n), ascii("root"), ascii("fill"),
        new Sexp.Int(1), Sexp.list(ascii("tuple"), new Sexp.Int(n)), Sexp.list(ascii("dictionary")));
    return BananaEncoder.encode(message, BananaDialect.PB);
  }

  @Test
  void aPeerThatCallsButNeverReadsIsBoundedOthersAreServedAndNothingIsLost() throws Exception {
    int requests = 20_000; // 20 MB of answers: far more than the kernel's buffers hold
    Filler root = new Filler();
    CompletableFuture<Channel> stalled = new CompletableFuture<>();
    Meter meter = new Meter();
    PauseWatcher watcher = new PauseWatcher();
    try (PbServer server = PbServer.builder()
            .eventLoopGroup(serverLoop)
            .writeBufferWaterMark(LOW, HIGH)
            .root(root)
            .onConnection(c -> {
              Channel ch = PbTesting.channel(c);
              if (!stalled.isDone()) { // the first connection is the raw peer's
                ch.pipeline().addFirst(meter);
                ch.pipeline().addLast(watcher);
                stalled.complete(ch);
              }
            })
            .start();
        PbClient client = PbClient.builder().build();
        Socket peer = new Socket()) {
      peer.setReceiveBufferSize(8 * 1024);
      peer.setSoTimeout(60_000); // a read that hangs fails
      peer.connect(new InetSocketAddress("127.0.0.1", server.port()), 10_000);
      Channel serverSide = stalled.get(WAIT, TimeUnit.SECONDS);
      CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
        try {
          OutputStream out = new BufferedOutputStream(peer.getOutputStream(), 8192);
          // The client's choice of dialect, in the dialect before any (Twisted's Banana).
          out.write(BananaEncoder.encode(BananaDialect.PB.toSexp(), BananaDialect.NONE));
          for (int i = 1; i <= requests; i++) {
            out.write(fill(i));
          }
          out.flush();
        } catch (IOException e) {
          throw new RuntimeException(e);
        }
      });

      watcher.paused.get(WAIT, TimeUnit.SECONDS);
      assertTrue(meter.maxPending <= HIGH + 4 * ANSWER_BYTES,
          "pending " + meter.maxPending + " > " + HIGH + " + one answer");

      // Meanwhile another connection on the same event loop is served.
      RemoteReference other = client.getRootObject("127.0.0.1", server.port()).get(WAIT, TimeUnit.SECONDS);
      assertEquals(ANSWER_BYTES, other.callRemote(String.class, "fill", 7L).get(WAIT, TimeUnit.SECONDS).length());
      assertTrue(meter.maxPending <= HIGH + 4 * ANSWER_BYTES, "pending " + meter.maxPending);

      // The peer reads: the offer of dialects, the version, then every answer exactly once.
      DataInputStream in = new DataInputStream(peer.getInputStream());
      Sexp offer = Sexp.list(BananaDialect.PB.toSexp(), BananaDialect.NONE.toSexp());
      byte[] offerBytes = new byte[BananaEncoder.encode(offer, BananaDialect.NONE).length];
      in.readFully(offerBytes);
      EmbeddedChannel decoder = new EmbeddedChannel(new BananaDecoder(BananaLimits.DEFAULT, BananaDialect.PB));
      BitSet answered = new BitSet();
      int answers = 0;
      boolean version = false;
      byte[] chunk = new byte[65536];
      while (answers < requests) {
        int n = in.read(chunk);
        assertTrue(n > 0, "the server closed after " + answers + " answers");
        decoder.writeInbound(Unpooled.wrappedBuffer(chunk.clone(), 0, n));
        Sexp message;
        while ((message = decoder.readInbound()) != null) {
          List<Sexp> items = ((Sexp.SList) message).items();
          if (!version) {
            assertEquals(ascii("version"), items.get(0));
            version = true;
            continue;
          }
          assertEquals(ascii("answer"), items.get(0), message.toString());
          int id = (int) ((Sexp.Int) items.get(1)).value();
          assertFalse(answered.get(id), "answer " + id + " twice");
          answered.set(id);
          answers++;
        }
      }
      assertFalse(decoder.finish());
      written.get(WAIT, TimeUnit.SECONDS);
      assertEquals(requests, answered.cardinality());
      assertEquals(1, answered.nextSetBit(0));
      assertTrue(meter.maxPending <= HIGH + 4 * ANSWER_BYTES, "pending " + meter.maxPending);
      // Reading resumed (in a loop task scheduled as the buffer fell below the low-water mark).
      assertTrue(serverSide.eventLoop().submit(() -> serverSide.config().isAutoRead())
          .get(WAIT, TimeUnit.SECONDS), "reading resumed");
    }
  }

  @Test
  void aSlowRemoteMethodStallsNeitherOtherCallsNorOtherConnections() throws Exception {
    Filler root = new Filler();
    try (PbServer server = PbServer.builder().eventLoopGroup(serverLoop).root(root).start();
        PbClient client = PbClient.builder().build()) {
      RemoteReference a = client.getRootObject("127.0.0.1", server.port()).get(WAIT, TimeUnit.SECONDS);
      RemoteReference b = client.getRootObject("127.0.0.1", server.port()).get(WAIT, TimeUnit.SECONDS);
      CompletableFuture<Object> slow = a.callRemote("slow");
      assertEquals(ANSWER_BYTES, a.callRemote(String.class, "fill", 1L).get(WAIT, TimeUnit.SECONDS).length());
      assertEquals(ANSWER_BYTES, b.callRemote(String.class, "fill", 1L).get(WAIT, TimeUnit.SECONDS).length());
      assertFalse(slow.isDone());
      root.slow.complete("late"); // completes on this thread, not the loop
      assertEquals("late", slow.get(WAIT, TimeUnit.SECONDS));
    }
  }

  @Test
  void callsFailFastAboveTheHighWaterMarkAndAProducerCanWait() throws Exception {
    Filler root = new Filler();
    try (PbServer server = PbServer.builder().eventLoopGroup(serverLoop).root(root).start();
        PbClient client = PbClient.builder().writeBufferWaterMark(2048, 8192).build()) {
      PbConnection c = client.connect("127.0.0.1", server.port()).get(WAIT, TimeUnit.SECONDS);
      RemoteReference r = c.getRootObject().get(WAIT, TimeUnit.SECONDS);
      Channel ch = PbTesting.channel(c);
      // The client stops reading: the server's answers back up until the server stops reading
      // too, and then the client's calls back up in turn.
      ch.config().setAutoRead(false);
      int accepted = 0;
      CompletableFuture<Object> last = null;
      while (true) {
        assertTrue(accepted < 1_000_000, "never refused");
        CompletableFuture<Object> f = r.callRemote("pad", (long) accepted, PAD);
        if (!f.isCompletedExceptionally()) {
          accepted++;
          last = f;
          continue;
        }
        Throwable t = assertThrows(ExecutionException.class, f::get).getCause();
        assertInstanceOf(PbBackpressureException.class, t);
        if (!ch.isWritable()) {
          break;
        }
        // Refused for what this thread queued: the loop is writing it out. Then the connection
        // either takes calls again or its channel is full.
        CompletableFuture<Void> w = c.whenWritable().toCompletableFuture();
        while (!w.isDone() && ch.isWritable()) {
          Thread.onSpinWait();
        }
      }
      assertTrue(c.handler().pendingWriteBytes() <= 8192 + 2 * 1100, "pending " + c.handler().pendingWriteBytes());
      // The kernel's buffers may still grow and take a little more, so this may complete before
      // the client reads again; it must once it does.
      CompletableFuture<Void> writable = c.whenWritable().toCompletableFuture();

      // The client reads again: every accepted call is answered, and calls are accepted again.
      ch.config().setAutoRead(true);
      assertNotNull(last);
      assertEquals(ANSWER_BYTES, ((String) last.get(WAIT, TimeUnit.SECONDS)).length());
      writable.get(WAIT, TimeUnit.SECONDS);
      assertTrue(c.isWritable());
      assertEquals(ANSWER_BYTES, r.callRemote(String.class, "fill", 1L).get(WAIT, TimeUnit.SECONDS).length());
      c.close().toCompletableFuture().get(WAIT, TimeUnit.SECONDS);
      CompletableFuture<Void> closedWaiter = c.whenWritable().toCompletableFuture();
      assertInstanceOf(PbConnectionLostException.class,
          assertThrows(ExecutionException.class, () -> closedWaiter.get(WAIT, TimeUnit.SECONDS)).getCause());
    }
  }
}
