package dev.spindle.benchmarks;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbConnection;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Perspective Broker load tool, the twin of {@link AmpLoad}: Java client and Java server on
 * 127.0.0.1 (one event loop each, in one process), {@code root.callRemote("add", a, b)} calls one
 * at a time and with 100 in flight on one connection, for a bounded time. Prints the median, min
 * and max calls/s, and latency percentiles for the sequential case; then the same call through a
 * generated stub and skeleton ({@link TypedAdder}).
 *
 * <p>Usage: {@code PbLoad [--seconds N] [--rounds R] [--inflight K]}. Ends by itself.
 */
public final class PbLoad {
  private PbLoad() {}

  public static void main(String[] args) throws Exception {
    LoadRun.Options options = LoadRun.Options.parse(args);
    EventLoopGroup serverLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup clientLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      measure(options, serverLoop, clientLoop);
    } finally {
      serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static void measure(LoadRun.Options options, EventLoopGroup serverLoop,
      EventLoopGroup clientLoop) throws Exception {
    try (PbServer server = LoadServers.pb(serverLoop, new Adder());
        PbClient client = PbClient.builder().eventLoopGroup(clientLoop).build()) {
      PbConnection c = client.connect("127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
      RemoteReference root = c.getRootObject().get(10, TimeUnit.SECONDS);
      LoadRun.measure("PB add(a, b), Java client -> Java server", options,
          JavaClient.add(root));
      c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    // the same call through a generated stub and skeleton (issue 14)
    TypedAdder adder = (a, b) -> CompletableFuture.completedFuture(a + b);
    try (PbServer server = PbServer.builder().eventLoopGroup(serverLoop).bind("127.0.0.1", 0)
            .root(TypedAdder_PbSkeleton.of(adder)).start();
        PbClient client = PbClient.builder().eventLoopGroup(clientLoop).build()) {
      PbConnection c = client.connect("127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
      TypedAdder stub = TypedAdder_PbStub.of(c.getRootObject().get(10, TimeUnit.SECONDS));
      LoadRun.measure("PB add(a, b) typed, Java stub -> Java skeleton", options, n ->
          stub.add(n, 1L).thenApply(sum -> {
            if (sum != n + 1L) {
              throw new IllegalStateException("add(" + n + ", 1) = " + sum);
            }
            return sum;
          }));
      c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
