package dev.spindle.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.spindle.amp.AmpServer;
import dev.spindle.pb.PbServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The server process of {@link SideBySide}, a JVM of its own.
 *
 * <pre>
 * BenchServer spindle [--threads N] [--lifetime S]   AMP (Sum, Echo), PB (add) and typed PB
 *                                                     (TypedAdder) servers on one N-thread event
 *                                                     loop group (default 1); prints "PORT amp n",
 *                                                     "PORT pb m" and "PORT pb-typed t"
 * BenchServer floor [--lifetime S]                   the raw-socket floor; prints "PORT floor n"
 * </pre>
 *
 * <p>Listens on 127.0.0.1 and serves until its stdin closes (the parent's signal, also when the
 * parent dies) or {@code --lifetime} seconds pass (default 900), then exits. A {@code STATS} line
 * on stdin gets {@code STATS calls=<AMP and PB calls answered> allocated=<bytes allocated by the
 * event-loop threads>} in reply (both since start), from which the parent works out the bytes the
 * server allocates per call.
 */
public final class BenchServer {
  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("spindle") || args[0].equals("floor"))) {
      System.err.println("usage: BenchServer spindle|floor [--threads N] [--lifetime S]");
      System.exit(2);
    }
    int threads = 1;
    double lifetime = 900;
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        case "--lifetime" -> lifetime = Double.parseDouble(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long lifetimeMillis = (long) (lifetime * 1000);
    Thread bound = new Thread(() -> {
      try {
        TimeUnit.MILLISECONDS.sleep(lifetimeMillis);
        System.err.println("BenchServer: lifetime over, exiting");
        System.exit(3);
      } catch (InterruptedException ignored) {
        // exiting anyway
      }
    }, "bench-server-lifetime");
    bound.setDaemon(true);
    bound.start();
    if (args[0].equals("floor")) {
      try (FloorServer floor = FloorServer.start()) {
        System.out.println("PORT floor " + floor.port());
        System.out.flush();
        serveStdin(() -> "STATS calls=0 allocated=0");
      }
    } else {
      List<Thread> loopThreads = new CopyOnWriteArrayList<>();
      ThreadFactory names = new DefaultThreadFactory("bench-server-loop");
      ThreadFactory factory = r -> {
        Thread t = names.newThread(r);
        loopThreads.add(t);
        return t;
      };
      EventLoopGroup loop =
          new MultiThreadIoEventLoopGroup(threads, factory, NioIoHandler.newFactory());
      LoadResponder responder = new LoadResponder();
      Adder adder = new Adder();
      LongAdder typedCalls = new LongAdder();
      TypedAdder typed = (a, b) -> {
        typedCalls.increment();
        return CompletableFuture.completedFuture(a + b);
      };
      try (AmpServer amp = LoadServers.amp(loop, responder);
          PbServer pb = LoadServers.pb(loop, adder);
          PbServer pbTyped = LoadServers.pbTyped(loop, typed)) {
        System.out.println("PORT amp " + amp.port());
        System.out.println("PORT pb " + pb.port());
        System.out.println("PORT pb-typed " + pbTyped.port());
        System.out.flush();
        serveStdin(() -> "STATS calls=" + (responder.calls() + adder.calls() + typedCalls.sum())
            + " allocated=" + allocated(loopThreads));
      } finally {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      }
    }
    System.exit(0);
  }

  private static long allocated(List<Thread> threads) {
    ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread t : threads) {
      sum += Math.max(0, mx.getThreadAllocatedBytes(t.getId()));
    }
    return sum;
  }

  /** Answers {@code STATS} lines until stdin ends. */
  private static void serveStdin(Supplier<String> stats) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.trim().equals("STATS")) {
        System.out.println(stats.get());
        System.out.flush();
      }
    }
  }
}
