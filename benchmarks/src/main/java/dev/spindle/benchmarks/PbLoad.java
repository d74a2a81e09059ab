package dev.spindle.benchmarks;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbConnection;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;

/**
 * A Perspective Broker load tool, the twin of {@link AmpLoad}: Java client and Java server on
 * 127.0.0.1 (one event loop each, in one process), {@code root.callRemote("add", a, b)} calls one
 * at a time and with 100 in flight on one connection, for a bounded time. Prints the median, min
 * and max calls/s, and latency percentiles for the sequential case.
 *
 * <p>Usage: {@code PbLoad [--seconds N] [--rounds R] [--inflight K]}. Ends by itself.
 */
public final class PbLoad {
  private PbLoad() {}

  public static void main(String[] args) throws Exception {
    LoadRun.Options options = LoadRun.Options.parse(args);
    EventLoopGroup serverLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup clientLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (PbServer server = LoadServers.pb(serverLoop, new Adder());
        PbClient client = PbClient.builder().eventLoopGroup(clientLoop).build()) {
      PbConnection c = client.connect("127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
      RemoteReference root = c.getRootObject().get(10, TimeUnit.SECONDS);
      LoadRun.measure("PB add(a, b), Java client -> Java server", options,
          JavaClient.add(root));
      c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }
}
