package dev.spindle.benchmarks;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measurement the load tools share: their options, a warm-up then rounds of calls one at a
 * time and with K in flight, each bounded in time, and the printed table (median, min, max calls/s;
 * p50/p99 latency of the sequential case).
 */
final class LoadRun {
  /** One call, numbered; the future completes when it is answered (and fails if it is wrong). */
  interface Call {
    CompletableFuture<?> call(long n);
  }

  /** {@code --seconds N --rounds R --inflight K}, defaults 3, 3 and 100. */
  record Options(double seconds, int rounds, int inflight) {
    static Options parse(String[] args) {
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
      return new Options(seconds, rounds, inflight);
    }
  }

  private LoadRun() {}

  /** Warms up, measures {@code options.rounds()} rounds of each kind, and prints the table. */
  static void measure(String title, Options options, Call call) throws Exception {
    System.out.printf("%s, 127.0.0.1, %d round(s) of %.1f s after a warm-up%n",
        title, options.rounds(), options.seconds());
    sequential(call, options.seconds());
    double[] seq = new double[options.rounds()];
    long[] lastLatencies = null;
    for (int r = 0; r < options.rounds(); r++) {
      Result res = sequential(call, options.seconds());
      seq[r] = res.rate;
      lastLatencies = res.latenciesNanos;
    }
    pipelined(call, options.seconds(), options.inflight());
    double[] pipe = new double[options.rounds()];
    for (int r = 0; r < options.rounds(); r++) {
      pipe[r] = pipelined(call, options.seconds(), options.inflight());
    }
    print("one at a time", seq);
    Arrays.sort(lastLatencies);
    System.out.printf("  latency (last round): p50 %.1f us, p99 %.1f us%n",
        lastLatencies[lastLatencies.length / 2] / 1000.0,
        lastLatencies[(int) (lastLatencies.length * 0.99)] / 1000.0);
    print(options.inflight() + " in flight", pipe);
  }

  private static void print(String label, double[] rates) {
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf("  %-14s median %,12.0f calls/s  (min %,.0f, max %,.0f)%n",
        label, sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
  }

  private record Result(double rate, long[] latenciesNanos) {}

  private static Result sequential(Call call, double seconds) throws Exception {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long[] lat = new long[1 << 16];
    int n = 0;
    long start = System.nanoTime();
    long now = start;
    while (now < end) {
      long t0 = System.nanoTime();
      call.call(n).get(10, TimeUnit.SECONDS);
      now = System.nanoTime();
      lat[n & (lat.length - 1)] = now - t0;
      n++;
    }
    long[] kept = Arrays.copyOf(lat, Math.min(n, lat.length));
    return new Result(n / ((now - start) / 1e9), kept);
  }

  private static double pipelined(Call call, double seconds, int inflight) throws Exception {
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    CompletableFuture<Void> finished = new CompletableFuture<>();
    AtomicLong active = new AtomicLong(inflight);
    for (int i = 0; i < inflight; i++) {
      issue(call, end, done, active, finished);
    }
    finished.get((long) seconds + 30, TimeUnit.SECONDS);
    return done.get() / ((System.nanoTime() - start) / 1e9);
  }

  /** Keeps one slot busy: each answer issues the next call until the deadline. */
  private static void issue(
      Call call, long end, AtomicLong done, AtomicLong active, CompletableFuture<Void> finished) {
    call.call(done.get())
        .whenComplete(
            (r, t) -> {
              if (t != null) {
                finished.completeExceptionally(t);
                return;
              }
              done.incrementAndGet();
              if (System.nanoTime() < end) {
                issue(call, end, done, active, finished);
              } else if (active.decrementAndGet() == 0) {
                finished.complete(null);
              }
            });
  }
}
