package dev.spindle.benchmarks.soak;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.benchmarks.Sum;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbConnection;
import dev.spindle.pb.RemoteReference;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Many concurrent connections held by one server process with a bounded heap: starts a {@link
 * SoakServer} in a child JVM ({@code -Xmx256m} by default), opens {@code --connections} AMP (or
 * PB) connections to it from this JVM, makes one call on each connection per round ({@code
 * --rounds}, at most {@code --inflight} calls in flight, each call carrying a unique number and
 * checked against its expected answer), holds them, closes them, and prints the connections the
 * server held, its heap after GC before, while holding and after closing, the calls answered and
 * the lost or wrong answers. Exits with status 1 if a connection or an answer is missing or wrong.
 *
 * <p>Usage: {@code ManyConnections [--connections 10000] [--protocol amp|pb] [--rounds 3]
 * [--hold-seconds 5] [--server-heap 256m] [--inflight 1000] [--client-threads 2]}. The file
 * descriptor limit ({@code ulimit -n}) must exceed the connection count in both processes.
 */
public final class ManyConnections {
  private static final Map<String, String> DEFAULTS = Map.of(
      "connections", "10000", "protocol", "amp", "rounds", "3", "hold-seconds", "5",
      "server-heap", "256m", "inflight", "1000", "client-threads", "2", "server-threads", "0");
  private static final long WAIT_SECONDS = 120;

  private ManyConnections() {}

  /** What one run measured. */
  public record Result(String protocol, int connections, int held, int heldAfterClose,
      long heapBefore, long heapHeld, long heapAfterCalls, long heapAfterClose, long maxHeap,
      long calls, long answered, long serverAnswered, long lost, long wrong, long duplicated,
      double connectSeconds) {
    /** True if every connection was held and every call answered right exactly once. */
    public boolean ok() {
      return held == connections && heldAfterClose == 0 && lost == 0 && wrong == 0
          && duplicated == 0 && answered == calls && serverAnswered == calls;
    }

    @Override
    public String toString() {
      return String.format(
          "%s: %,d connections held by one server process (-Xmx %s), connected in %.1f s%n"
              + "  server heap after GC: before %s, holding %s, after %,d calls %s, after close %s%n"
              + "  calls %,d, answered %,d (server counted %,d), lost %,d, wrong %,d, duplicated %,d;"
              + " open after close %d%n"
              + "  %s",
          protocol.toUpperCase(), held, Heap.mib(maxHeap), connectSeconds, Heap.mib(heapBefore),
          Heap.mib(heapHeld), calls, Heap.mib(heapAfterCalls), Heap.mib(heapAfterClose), calls,
          answered, serverAnswered, lost, wrong, duplicated, heldAfterClose, ok() ? "OK" : "FAILED");
    }
  }

  public static void main(String[] args) throws Exception {
    Result r = run(args);
    System.out.println(r);
    System.exit(r.ok() ? 0 : 1);
  }

  /** Runs with command-line style options. */
  public static Result run(String... args) throws Exception {
    Options o = new Options(args, DEFAULTS);
    String protocol = o.string("protocol");
    if (!protocol.equals("amp") && !protocol.equals("pb")) {
      throw new IllegalArgumentException("--protocol amp or pb");
    }
    int n = o.integer("connections");
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(o.integer("client-threads"), NioIoHandler.newFactory());
    try (ServerProcess server = new ServerProcess(o.string("server-heap"), o.integer("server-threads"));
        AmpClient amp = AmpClient.builder().eventLoopGroup(loops).build();
        PbClient pb = PbClient.builder().eventLoopGroup(loops).autoRelease(false).build()) {
      ServerProcess.Stats before = server.stats();
      Semaphore window = new Semaphore(o.integer("inflight"));
      boolean isAmp = protocol.equals("amp");

      // Connect, at most --inflight at a time.
      long start = System.nanoTime();
      List<CompletableFuture<Caller>> connecting = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        window.acquire();
        CompletableFuture<Caller> c = isAmp
            ? amp.connect("127.0.0.1", server.ampPort).thenApply(ManyConnections::amp)
            : pb.connect("127.0.0.1", server.pbPort).thenCompose(ManyConnections::pb);
        c.whenComplete((v, t) -> window.release());
        connecting.add(c);
      }
      List<Caller> callers = new ArrayList<>(n);
      for (CompletableFuture<Caller> c : connecting) {
        callers.add(c.get(WAIT_SECONDS, TimeUnit.SECONDS));
      }
      double connectSeconds = (System.nanoTime() - start) / 1e9;
      // The server accepts a little after this side sees each connection complete.
      ServerProcess.Stats held = waitForServer(server,
          s -> (isAmp ? s.ampConnections() : s.pbConnections()) >= n);

      // A call now and then on each connection, each with its own number.
      AtomicLong answered = new AtomicLong();
      AtomicLong wrong = new AtomicLong();
      AtomicLong lost = new AtomicLong();
      AtomicLong duplicated = new AtomicLong();
      BitSet answeredIds = new BitSet(); // guarded by itself
      long calls = 0;
      for (int r = 0; r < o.integer("rounds"); r++) {
        long round = r;
        List<CompletableFuture<?>> pending = new ArrayList<>(n);
        for (Caller c : callers) {
          long id = calls++;
          window.acquire();
          pending.add(c.add(id, round).whenComplete((sum, t) -> {
            window.release();
            if (t != null) {
              lost.incrementAndGet();
            } else if (sum != id + round) {
              wrong.incrementAndGet();
            } else {
              boolean seen;
              synchronized (answeredIds) {
                seen = answeredIds.get((int) id);
                answeredIds.set((int) id);
              }
              (seen ? duplicated : answered).incrementAndGet();
            }
          }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
            .handle((v, t) -> null).get(WAIT_SECONDS, TimeUnit.SECONDS);
        TimeUnit.MILLISECONDS.sleep(200); // now and then: the connections idle between rounds
      }
      TimeUnit.SECONDS.sleep(o.integer("hold-seconds"));
      ServerProcess.Stats afterCalls = server.stats();

      List<CompletableFuture<?>> closing = new ArrayList<>(n);
      for (Caller c : callers) {
        closing.add(c.close());
      }
      CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
          .handle((v, t) -> null).get(WAIT_SECONDS, TimeUnit.SECONDS);
      ServerProcess.Stats afterClose =
          waitForServer(server, s -> s.ampConnections() == 0 && s.pbConnections() == 0);
      return new Result(protocol, n, isAmp ? held.ampConnections() : held.pbConnections(),
          isAmp ? afterClose.ampConnections() : afterClose.pbConnections(),
          before.heapAfterGc(), held.heapAfterGc(), afterCalls.heapAfterGc(), afterClose.heapAfterGc(),
          before.maxHeap(), calls, answered.get(),
          isAmp ? afterCalls.ampAnswered() : afterCalls.pbAnswered(), lost.get(), wrong.get(),
          duplicated.get(), connectSeconds);
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
  }

  /**
   * The server sees connects and closes a little after this side: asks until {@code done} holds,
   * 30 s at most, and returns the last answer.
   */
  static ServerProcess.Stats waitForServer(ServerProcess server, Predicate<ServerProcess.Stats> done)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    ServerProcess.Stats s = server.stats();
    while (!done.test(s) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(200);
      s = server.stats();
    }
    return s;
  }

  /** One connection, AMP or PB, seen as something that adds. */
  interface Caller {
    CompletableFuture<Long> add(long a, long b);

    CompletableFuture<?> close();
  }

  static Caller amp(AmpConnection c) {
    return new Caller() {
      @Override
      public CompletableFuture<Long> add(long a, long b) {
        return c.callRemote(new Sum(a, b)).thenApply(Sum.Result::total);
      }

      @Override
      public CompletableFuture<?> close() {
        return c.close().toCompletableFuture();
      }
    };
  }

  static CompletableFuture<Caller> pb(PbConnection c) {
    return c.getRootObject().thenApply(root -> pbCaller(c, root));
  }

  private static Caller pbCaller(PbConnection c, RemoteReference root) {
    Function<Object, Long> toLong = v -> v instanceof Long l ? l : Long.MIN_VALUE;
    return new Caller() {
      @Override
      public CompletableFuture<Long> add(long a, long b) {
        return root.callRemote("add", a, b).thenApply(toLong);
      }

      @Override
      public CompletableFuture<?> close() {
        return c.close().toCompletableFuture();
      }
    };
  }
}
