package dev.spindle.benchmarks.soak;

import dev.spindle.amp.AmpClient;
import dev.spindle.pb.PbClient;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * A soak run: mixed AMP and PB calls with connects and disconnects against a {@link SoakServer}
 * in a child JVM with a bounded heap, for {@code --seconds} (default one hour).
 *
 * <p>Each worker thread connects (AMP or PB), makes a random number of calls with a random number
 * in flight, each carrying a number unique to the worker and checked against its expected answer
 * ({@code Sum(id, k)} or {@code add(id, k)} = {@code id + k}), waits for all of them, disconnects,
 * and starts again. Every {@code --interval} seconds it prints the totals and the server's heap
 * after a full GC. At the end, with every connection closed, it compares the calls the server
 * answered with the answers received, takes the heap once more, and prints the totals.
 *
 * <p>Exits with status 1 if an answer was lost (a call failed or was not answered within 60 s),
 * wrong, duplicated (received twice, or the server answered more than were received), or if the
 * server's heap after GC at the end exceeds the first sample by more than {@code
 * --max-heap-growth-mb}.
 *
 * <p>Usage: {@code Soak [--seconds 3600] [--interval 60] [--amp-workers 4] [--pb-workers 4]
 * [--max-inflight 32] [--max-calls 500] [--rate 5000] [--server-heap 256m]
 * [--max-heap-growth-mb 32]}. {@code --rate} caps the calls per second of all workers together
 * (0: as fast as they go), so that a long run leaves a shared machine some room.
 */
public final class Soak {
  private static final Map<String, String> DEFAULTS = Map.ofEntries(
      Map.entry("seconds", "3600"), Map.entry("interval", "60"), Map.entry("amp-workers", "4"),
      Map.entry("pb-workers", "4"), Map.entry("max-inflight", "32"), Map.entry("max-calls", "500"),
      Map.entry("rate", "5000"), Map.entry("server-heap", "256m"),
      Map.entry("max-heap-growth-mb", "32"), Map.entry("client-threads", "2"),
      Map.entry("server-threads", "2"));
  private static final long CALL_WAIT_SECONDS = 60;

  private Soak() {}

  /** The totals of a run. */
  public record Result(double seconds, long connects, long ampCalls, long pbCalls, long answered,
      long serverAmpAnswered, long serverPbAnswered, long lost, long wrong, long duplicated,
      List<Long> heapSamples, long heapEnd, long maxHeapGrowth) {
    /** Growth of the server's heap after GC from the first sample to the end. */
    public long heapGrowth() {
      return heapSamples.isEmpty() ? 0 : heapEnd - heapSamples.get(0);
    }

    /** True if nothing was lost, wrong or duplicated and the heap stayed flat. */
    public boolean ok() {
      return lost == 0 && wrong == 0 && duplicated == 0 && answered == ampCalls + pbCalls
          && serverAmpAnswered + serverPbAnswered == answered && heapGrowth() <= maxHeapGrowth;
    }

    @Override
    public String toString() {
      long min = heapSamples.stream().mapToLong(Long::longValue).min().orElse(heapEnd);
      long max = heapSamples.stream().mapToLong(Long::longValue).max().orElse(heapEnd);
      return String.format(
          "Soak: %.0f s, %,d connects, %,d calls (AMP %,d, PB %,d), answered %,d%n"
              + "  server answered AMP %,d + PB %,d = %,d; lost %,d, wrong %,d, duplicated %,d%n"
              + "  server heap after GC: first sample %s, min %s, max %s over %d samples, end %s "
              + "(growth %s, allowed %s)%n  %s",
          seconds, connects, ampCalls + pbCalls, ampCalls, pbCalls, answered, serverAmpAnswered,
          serverPbAnswered, serverAmpAnswered + serverPbAnswered, lost, wrong, duplicated,
          Heap.mib(heapSamples.isEmpty() ? heapEnd : heapSamples.get(0)), Heap.mib(min),
          Heap.mib(max), heapSamples.size(), Heap.mib(heapEnd), Heap.mib(heapGrowth()),
          Heap.mib(maxHeapGrowth), ok() ? "OK" : "FAILED");
    }
  }

  public static void main(String[] args) throws Exception {
    Result r = run(args);
    System.out.println(r);
    System.exit(r.ok() ? 0 : 1);
  }

  private static final class Totals {
    final LongAdder connects = new LongAdder();
    final LongAdder ampCalls = new LongAdder();
    final LongAdder pbCalls = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder lost = new LongAdder();
    final LongAdder wrong = new LongAdder();
    final LongAdder duplicated = new LongAdder();
  }

  /** Runs with command-line style options. */
  public static Result run(String... args) throws Exception {
    Options o = new Options(args, DEFAULTS);
    long seconds = o.longValue("seconds");
    long interval = o.longValue("interval");
    int maxInflight = o.integer("max-inflight");
    int maxCalls = o.integer("max-calls");
    int rate = o.integer("rate");
    Totals totals = new Totals();
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(o.integer("client-threads"), NioIoHandler.newFactory());
    try (ServerProcess server = new ServerProcess(o.string("server-heap"), o.integer("server-threads"));
        AmpClient amp = AmpClient.builder().eventLoopGroup(loops).build();
        PbClient pb = PbClient.builder().eventLoopGroup(loops).build()) {
      long start = System.nanoTime();
      long deadline = start + TimeUnit.SECONDS.toNanos(seconds);
      List<Thread> workers = new ArrayList<>();
      int ampWorkers = o.integer("amp-workers");
      int all = ampWorkers + o.integer("pb-workers");
      long nanosPerCall = rate <= 0 ? 0 : TimeUnit.SECONDS.toNanos(all) / rate; // per worker
      for (int w = 0; w < all; w++) {
        boolean isAmp = w < ampWorkers;
        Thread t = new Thread(
            () -> work(isAmp, amp, pb, server, deadline, maxInflight, maxCalls, nanosPerCall, totals),
            "soak-" + (isAmp ? "amp-" : "pb-") + w);
        t.start();
        workers.add(t);
      }
      List<Long> samples = new ArrayList<>();
      long next = start + TimeUnit.SECONDS.toNanos(interval);
      while (next < deadline) {
        TimeUnit.NANOSECONDS.sleep(next - System.nanoTime());
        ServerProcess.Stats s = server.stats();
        samples.add(s.heapAfterGc());
        System.out.printf("[%6.0f s] connects %,d, calls %,d (AMP %,d, PB %,d), lost %d, wrong %d, "
                + "duplicated %d | server: %d + %d connections, heap after GC %s | client heap %s%n",
            (System.nanoTime() - start) / 1e9, totals.connects.sum(),
            totals.ampCalls.sum() + totals.pbCalls.sum(), totals.ampCalls.sum(), totals.pbCalls.sum(),
            totals.lost.sum(), totals.wrong.sum(), totals.duplicated.sum(), s.ampConnections(),
            s.pbConnections(), Heap.mib(s.heapAfterGc()), Heap.mib(Heap.usedAfterGc()));
        System.out.flush();
        next += TimeUnit.SECONDS.toNanos(interval);
      }
      for (Thread t : workers) {
        t.join();
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      ServerProcess.Stats end =
          ManyConnections.waitForServer(server, s -> s.ampConnections() == 0 && s.pbConnections() == 0);
      return new Result(elapsed, totals.connects.sum(), totals.ampCalls.sum(), totals.pbCalls.sum(),
          totals.answered.sum(), end.ampAnswered(), end.pbAnswered(), totals.lost.sum(),
          totals.wrong.sum(), totals.duplicated.sum(), samples, end.heapAfterGc(),
          o.longValue("max-heap-growth-mb") << 20);
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
  }

  /** One worker: connect, calls, disconnect, until the deadline. */
  private static void work(boolean isAmp, AmpClient amp, PbClient pb, ServerProcess server,
      long deadline, int maxInflight, int maxCalls, long nanosPerCall, Totals totals) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long due = System.nanoTime(); // pacing: when this worker's next call is due
    BitSet answeredIds = new BitSet(); // guarded by itself
    long nextId = 0;
    while (System.nanoTime() < deadline) {
      ManyConnections.Caller caller;
      try {
        caller = isAmp
            ? amp.connect("127.0.0.1", server.ampPort).thenApply(ManyConnections::amp)
                .get(CALL_WAIT_SECONDS, TimeUnit.SECONDS)
            : pb.connect("127.0.0.1", server.pbPort).thenCompose(ManyConnections::pb)
                .get(CALL_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        System.err.println("connect failed: " + e);
        totals.lost.increment(); // counted as a lost call: nothing should fail here
        continue;
      }
      totals.connects.increment();
      int calls = 1 + random.nextInt(maxCalls);
      Semaphore window = new Semaphore(1 + random.nextInt(maxInflight));
      List<CompletableFuture<?>> pending = new ArrayList<>(calls);
      try {
        for (int i = 0; i < calls; i++) {
          long id = nextId++;
          long k = random.nextLong(1_000_000);
          window.acquire();
          if (nanosPerCall > 0) {
            due += nanosPerCall;
            long ahead = due - System.nanoTime();
            if (ahead > 1_000_000) {
              TimeUnit.NANOSECONDS.sleep(ahead); // pacing to --rate, not synchronisation
            } else if (ahead < -1_000_000_000L) {
              due = System.nanoTime(); // a second behind: do not burst to catch up
            }
          }
          (isAmp ? totals.ampCalls : totals.pbCalls).increment();
          pending.add(caller.add(id, k).orTimeout(CALL_WAIT_SECONDS, TimeUnit.SECONDS)
              .whenComplete((sum, t) -> {
                window.release();
                if (t != null) {
                  System.err.println("call " + id + " failed: " + t);
                  totals.lost.increment();
                } else if (sum != id + k) {
                  totals.wrong.increment();
                } else {
                  boolean seen;
                  synchronized (answeredIds) {
                    seen = answeredIds.get((int) id);
                    answeredIds.set((int) id);
                  }
                  (seen ? totals.duplicated : totals.answered).increment();
                }
              }));
          if (nextId == Integer.MAX_VALUE) {
            nextId = 0;
            synchronized (answeredIds) {
              answeredIds.clear();
            }
          }
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
            .handle((v, t) -> null).get(2 * CALL_WAIT_SECONDS, TimeUnit.SECONDS);
        caller.close().get(CALL_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ExecutionException | TimeoutException e) {
        System.err.println("worker: " + e);
      }
    }
  }
}
