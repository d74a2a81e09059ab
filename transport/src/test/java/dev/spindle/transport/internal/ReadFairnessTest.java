package dev.spindle.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spindle.transport.TransportOptions;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link TransportOptions#maxBytesPerRead()}: a channel prepared by {@link ChannelSettings} takes
 * one read of at most that many bytes per turn of its event loop (each read followed by its
 * {@code channelReadComplete}), however much its peer has sent; 0 leaves Netty's default.
 */
class ReadFairnessTest {
  private static final int SENT = 1 << 20;

  @Test
  void eachTurnIsOneReadOfAtMostTheLimit() {
    List<int[]> turns = turns(TransportOptions.DEFAULT);
    int limit = TransportOptions.DEFAULT_MAX_BYTES_PER_READ;
    for (int[] turn : turns) {
      assertEquals(1, turn[0], "reads in one turn");
      assertTrue(turn[1] <= limit, turn[1] + " bytes in one turn");
    }
    assertTrue(turns.size() >= SENT / limit, turns.size() + " turns");
  }

  @Test
  void aSmallerLimitIsKept() {
    TransportOptions options = TransportOptions.builder().maxBytesPerRead(4_096).build();
    for (int[] turn : turns(options)) {
      assertEquals(1, turn[0], "reads in one turn");
      assertTrue(turn[1] <= 4_096, turn[1] + " bytes in one turn");
    }
  }

  @Test
  void theBuilderTakesZeroOrAtLeastTheMinimum() {
    assertEquals(16_384, TransportOptions.DEFAULT.maxBytesPerRead());
    assertEquals(0, TransportOptions.builder().maxBytesPerRead(0).build().maxBytesPerRead());
    assertEquals(1_024, TransportOptions.builder().maxBytesPerRead(1_024).build().maxBytesPerRead());
    assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder().maxBytesPerRead(-1));
    assertThrows(IllegalArgumentException.class, () -> TransportOptions.builder().maxBytesPerRead(1_023));
    assertEquals(4_096, TransportOptions.builder().maxBytesPerRead(4_096).build().toBuilder().build()
        .maxBytesPerRead());
  }

  /**
   * Accepts one connection on 127.0.0.1 prepared with {@code options} and sends it 1 MiB from
   * another thread: for each turn of the event loop that read (each {@code channelReadComplete}),
   * the number of reads and the bytes they took.
   */
  private static List<int[]> turns(TransportOptions options) {
    return assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
      EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
      ChannelSettings settings =
          new ChannelSettings(null, false, WriteBufferWaterMark.DEFAULT, options, false);
      List<int[]> turns = new ArrayList<>();
      CompletableFuture<List<int[]>> done = new CompletableFuture<>();
      try {
        Channel server = new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<Channel>() {
              @Override
              protected void initChannel(Channel ch) {
                settings.prepare(ch, null, 0);
                ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                  private int reads;
                  private int bytes;
                  private int total;

                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    ByteBuf buf = (ByteBuf) msg;
                    reads++;
                    bytes += buf.readableBytes();
                    buf.release();
                  }

                  @Override
                  public void channelReadComplete(ChannelHandlerContext ctx) {
                    if (reads > 0) {
                      turns.add(new int[] {reads, bytes});
                    }
                    total += bytes;
                    reads = 0;
                    bytes = 0;
                    if (total >= SENT) {
                      done.complete(List.copyOf(turns));
                    }
                  }
                });
              }
            })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        try (Socket client = new Socket()) {
          client.connect(server.localAddress());
          OutputStream out = client.getOutputStream();
          CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
            try {
              out.write(new byte[SENT]);
              out.flush();
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
          List<int[]> result = done.get(20, TimeUnit.SECONDS);
          sent.get(20, TimeUnit.SECONDS);
          return result;
        } finally {
          server.close().sync();
        }
      } finally {
        group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
      }
    });
  }
}
