package dev.spindle.benchmarks;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;

/**
 * The in-JVM AMP load tool: Java client and Java server on 127.0.0.1 (one event loop each, in one
 * process), {@code Sum} calls one at a time and with 100 in flight, for a bounded time. Prints
 * the median, min and max calls/s, and latency percentiles for the sequential case. Handy under
 * a profiler; {@link SideBySide} is the tool that compares with Twisted, in separate processes.
 *
 * <p>Usage: {@code AmpLoad [--seconds N] [--rounds R] [--inflight K]}. Ends by itself.
 */
public final class AmpLoad {
  private AmpLoad() {}

  public static void main(String[] args) throws Exception {
    LoadRun.Options options = LoadRun.Options.parse(args);
    EventLoopGroup serverLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup clientLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (AmpServer server = LoadServers.amp(serverLoop, new LoadResponder());
        AmpClient client = AmpClient.builder().eventLoopGroup(clientLoop).build()) {
      AmpConnection c = client.connect("127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
      LoadRun.measure("AMP Sum, Java client -> Java server", options,
          JavaClient.sum(c));
      c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
