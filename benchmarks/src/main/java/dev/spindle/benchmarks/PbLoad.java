package dev.spindle.benchmarks;

import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbConnection;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.flavors.Root;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Perspective Broker load tool, the twin of {@link AmpLoad}: Java client and Java server on
 * 127.0.0.1 (one event loop each, in one process), {@code root.callRemote("add", a, b)} calls one
 * at a time and with 100 in flight on one connection, for a bounded time. Prints calls/s per
 * round and the median, and latency percentiles for the sequential case.
 *
 * <p>Usage: {@code PbLoad [--seconds N] [--rounds R] [--inflight K]}. Ends by itself.
 */
public final class PbLoad {
  private PbLoad() {}

  /** The server's root: {@code remote_add(a, b)}, as Twisted's {@code def remote_add(self, a, b)}. */
  public static final class Adder implements Root {
    public long remote_add(long a, long b) {
      return a + b;
    }
  }

  public static void main(String[] args) throws Exception {
    double seconds = 3;
    int rounds = 3;
    int inflight = 100;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds":
          seconds = Double.parseDouble(args[i + 1]);
          break;
        case "--rounds":
          rounds = Integer.parseInt(args[i + 1]);
          break;
        case "--inflight":
          inflight = Integer.parseInt(args[i + 1]);
          break;
        default:
          throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    EventLoopGroup serverLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    EventLoopGroup clientLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (PbServer server =
            PbServer.builder().eventLoopGroup(serverLoop).bind("127.0.0.1", 0).root(new Adder()).start();
        PbClient client = PbClient.builder().eventLoopGroup(clientLoop).build()) {
      PbConnection c = client.connect("127.0.0.1", server.port()).get(10, TimeUnit.SECONDS);
      RemoteReference root = c.getRootObject().get(10, TimeUnit.SECONDS);
      System.out.printf("PB add(a, b), Java client -> Java server, 127.0.0.1, %d round(s) of %.1f s after a warm-up%n",
          rounds, seconds);
      sequential(root, seconds); // warm-up
      double[] seq = new double[rounds];
      long[] lastLatencies = null;
      for (int r = 0; r < rounds; r++) {
        Result res = sequential(root, seconds);
        seq[r] = res.rate;
        lastLatencies = res.latenciesNanos;
      }
      pipelined(root, seconds, inflight); // warm-up
      double[] pipe = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        pipe[r] = pipelined(root, seconds, inflight);
      }
      print("one at a time", seq);
      Arrays.sort(lastLatencies);
      System.out.printf("  latency (last round): p50 %.1f us, p99 %.1f us%n",
          lastLatencies[lastLatencies.length / 2] / 1000.0,
          lastLatencies[(int) (lastLatencies.length * 0.99)] / 1000.0);
      print(inflight + " in flight", pipe);
      c.close().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      serverLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static void print(String label, double[] rates) {
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf("  %-14s median %,12.0f calls/s  (min %,.0f, max %,.0f)%n",
        label, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }

  private record Result(double rate, long[] latenciesNanos) {}

  private static Result sequential(RemoteReference root, double seconds) throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long[] lat = new long[1 << 16];
    int n = 0;
    long start = System.nanoTime();
    long now = start;
    while (now < end) {
      long t0 = System.nanoTime();
      Object sum = root.callRemote("add", n, 1).get(10, TimeUnit.SECONDS);
      now = System.nanoTime();
      if (!(sum instanceof Long l) || l != n + 1L) {
        throw new IllegalStateException("add(" + n + ", 1) = " + sum);
      }
      lat[n & (lat.length - 1)] = now - t0;
      n++;
    }
    long[] kept = Arrays.copyOf(lat, Math.min(n, lat.length));
    return new Result(n / ((now - start) / 1e9), kept);
  }

  private static double pipelined(RemoteReference root, double seconds, int inflight) throws Exception {
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    CompletableFuture<Void> finished = new CompletableFuture<>();
    AtomicLong active = new AtomicLong(inflight);
    for (int i = 0; i < inflight; i++) {
      issue(root, end, done, active, finished);
    }
    finished.get((long) seconds + 30, TimeUnit.SECONDS);
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  /** Keeps one slot busy: each answer issues the next call until the deadline. */
  private static void issue(RemoteReference root, long end, AtomicLong done, AtomicLong active,
      CompletableFuture<Void> finished) {
    root.callRemote("add", 1, 2).whenComplete((r, t) -> {
      if (t != null) {
        finished.completeExceptionally(t);
        return;
      }
      done.incrementAndGet();
      if (System.nanoTime() < end) {
        issue(root, end, done, active, finished);
      } else if (active.decrementAndGet() == 0) {
        finished.complete(null);
      }
    });
  }
}
