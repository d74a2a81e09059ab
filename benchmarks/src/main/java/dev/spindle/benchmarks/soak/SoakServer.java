package dev.spindle.benchmarks.soak;

import dev.spindle.amp.AmpServer;
import dev.spindle.pb.PbServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server side of the soak tools, run in a JVM of its own (by {@link ServerProcess}): an AMP
 * server answering {@code Sum(a, b)} and a PB server whose root answers {@code add(a, b)}, both on
 * 127.0.0.1 ephemeral ports and one event loop group, counting open connections and answered
 * calls.
 *
 * <p>Prints {@code PORTS <amp> <pb>}, then answers each {@code STATS} line on stdin with one line:
 * {@code STATS <amp connections> <pb connections> <amp answered> <pb answered> <heap used after GC>
 * <max heap>}. Stops when stdin closes.
 */
public final class SoakServer {
  private SoakServer() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 0;
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    AtomicInteger ampConnections = new AtomicInteger();
    AtomicInteger pbConnections = new AtomicInteger();
    LongAdder ampAnswered = new LongAdder();
    LongAdder pbAnswered = new LongAdder();
    try (AmpServer amp = AmpServer.builder()
            .eventLoopGroup(group)
            .locator(new CountingSumResponder_AmpLocator(new CountingSumResponder(ampAnswered)))
            .onConnection(c -> {
              ampConnections.incrementAndGet();
              c.closeFuture().whenComplete((v, t) -> ampConnections.decrementAndGet());
            })
            .start();
        PbServer pb = PbServer.builder()
            .eventLoopGroup(group)
            .root(new Adder(pbAnswered))
            .onConnection(c -> {
              pbConnections.incrementAndGet();
              c.closeFuture().whenComplete((v, t) -> pbConnections.decrementAndGet());
            })
            .start()) {
      System.out.println("PORTS " + amp.port() + " " + pb.port());
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        if (line.trim().equals("STATS")) {
          long heap = Heap.usedAfterGc();
          System.out.println("STATS " + ampConnections.get() + " " + pbConnections.get() + " "
              + ampAnswered.sum() + " " + pbAnswered.sum() + " " + heap + " " + Heap.max());
          System.out.flush();
        }
      }
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
  }
}
