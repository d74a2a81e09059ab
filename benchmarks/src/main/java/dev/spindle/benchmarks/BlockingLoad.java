package dev.spindle.benchmarks;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.locator.BlockingResponder;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.micrometer.SpindleMetrics;
import dev.spindle.transport.BlockingExecutor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The blocking-responder row: an AMP server whose {@code Slow} responder blocks 10 ms (a database
 * call) serves 100 connections, each calling it in a closed loop, while one more connection calls
 * the non-blocking {@code Fast} one at a time and its latency is measured. Three server setups:
 * {@code Slow} declared blocking (on a 64-thread executor), the same with Spindle's Micrometer
 * meters on, and {@code Slow} left on the event loop (what #16 fixes); plus {@code Fast} alone on
 * an idle server. One process, 127.0.0.1, two server event-loop threads.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.spindle.benchmarks.BlockingLoad [seconds]
 * </pre>
 */
public final class BlockingLoad {
  private static final int CONNECTIONS = 100;
  private static final int THREADS = 64;
  private static final long SLOW_MILLIS = 10;

  private BlockingLoad() {}

  /** Runs the rows and prints them. */
  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
    System.out.printf("load average %.2f; %d connections calling Slow (%d ms) in a loop; Fast probed one at a time; %.1f s per row%n",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), CONNECTIONS, SLOW_MILLIS, seconds);
    System.out.printf("%-44s %12s %10s %10s %10s %10s%n", "server", "Slow calls/s", "Fast p50", "Fast p99", "Fast max", "refused");
    row("Fast only, idle server", seconds, Mode.IDLE);
    row("Slow @Blocking, 64-thread executor", seconds, Mode.BLOCKING);
    row("Slow @Blocking, with Micrometer meters", seconds, Mode.METRICS);
    row("Slow on the event loop (not declared)", seconds, Mode.ON_LOOP);
  }

  private enum Mode { IDLE, BLOCKING, METRICS, ON_LOOP }

  private static void row(String title, double seconds, Mode mode) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    EventLoopGroup serverLoops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    EventLoopGroup clientLoops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    BoxResponder sleep = box -> {
      try {
        Thread.sleep(SLOW_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return CompletableFuture.completedFuture(new AmpBox().putString("ok", "1"));
    };
    BoxResponder slow = mode == Mode.ON_LOOP ? sleep : BlockingResponder.of(sleep);
    BoxResponder fast = box -> CompletableFuture.completedFuture(new AmpBox().putString("ok", "1"));
    CommandLocator locator = name -> name.equals("Slow") ? slow : name.equals("Fast") ? fast : null;
    AmpServer.Builder b = AmpServer.builder().locator(locator).eventLoopGroup(serverLoops)
        .blockingExecutor(BlockingExecutor.create(pool, 100_000));
    if (mode == Mode.METRICS) {
      b = SpindleMetrics.create(new SimpleMeterRegistry()).instrument(b);
    }
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong slowCalls = new AtomicLong();
    AtomicLong refused = new AtomicLong();
    try (AmpServer server = b.start();
        AmpClient client = AmpClient.builder().eventLoopGroup(clientLoops).build()) {
      List<AmpConnection> loaders = new ArrayList<>();
      if (mode != Mode.IDLE) {
        for (int i = 0; i < CONNECTIONS; i++) {
          loaders.add(client.connect("127.0.0.1", server.port()).get(30, TimeUnit.SECONDS));
        }
        for (AmpConnection c : loaders) {
          loop(c, running, slowCalls, refused);
        }
      }
      AmpConnection probe = client.connect("127.0.0.1", server.port()).get(30, TimeUnit.SECONDS);
      long[] latencies = new long[1 << 20];
      int n = 0;
      long start = System.nanoTime();
      long slowAtStart = slowCalls.get();
      long end = start + (long) (seconds * 1e9);
      while (System.nanoTime() < end && n < latencies.length) {
        long t0 = System.nanoTime();
        probe.callRemoteString("Fast", new AmpBox()).get(60, TimeUnit.SECONDS);
        latencies[n++] = System.nanoTime() - t0;
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      long slowDone = slowCalls.get() - slowAtStart;
      running.set(false);
      long[] sorted = Arrays.copyOf(latencies, n);
      Arrays.sort(sorted);
      System.out.printf("%-44s %12.0f %10s %10s %10s %10d%n", title, slowDone / elapsed,
          micros(sorted[n / 2]), micros(sorted[Math.min(n - 1, (int) (n * 0.99))]), micros(sorted[n - 1]),
          refused.get());
    } finally {
      running.set(false);
      pool.shutdownNow();
      serverLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  /** Calls Slow on {@code c} again as each answer comes, while {@code running}. */
  private static void loop(AmpConnection c, AtomicBoolean running, AtomicLong calls, AtomicLong refused) {
    if (!running.get()) {
      return;
    }
    c.callRemoteString("Slow", new AmpBox()).whenComplete((v, e) -> {
      if (e == null) {
        calls.incrementAndGet();
      } else {
        refused.incrementAndGet();
      }
      if (e == null || c.isOpen()) {
        loop(c, running, calls, refused);
      }
    });
  }

  private static String micros(long nanos) {
    return nanos >= 10_000_000 ? (nanos / 1_000_000) + " ms" : (nanos / 1_000) + " us";
  }
}
