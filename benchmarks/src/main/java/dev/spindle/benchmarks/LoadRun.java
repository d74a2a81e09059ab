package dev.spindle.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The measurement every Java load client shares: a warm-up round, then rounds of calls one at a
 * time or with K in flight on each connection, each round bounded in time ({@link Figures}); and
 * the short text report of the in-JVM tools ({@link AmpLoad}, {@link PbLoad}).
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

  /** Latencies kept per measurement (the most recent ones when there are more calls). */
  private static final int LATENCY_SAMPLES = 1 << 18;

  private LoadRun() {}

  /** Warms up, measures {@code options.rounds()} rounds of each kind, and prints the figures. */
  static void measure(String title, Options options, Call call) throws Exception {
    System.out.printf("%s, 127.0.0.1, %d round(s) of %.1f s after a warm-up%n",
        title, options.rounds(), options.seconds());
    Figures seq = sequential(call, options.seconds(), options.seconds(), options.rounds());
    Figures pipe =
        pipelined(List.of(call), options.inflight(), options.seconds(), options.seconds(),
            options.rounds());
    print("one at a time", seq);
    System.out.printf("  latency (all rounds): p50 %.1f us, p99 %.1f us%n",
        seq.p50Micros(), seq.p99Micros());
    print(options.inflight() + " in flight", pipe);
  }

  private static void print(String label, Figures f) {
    System.out.printf("  %-14s median %,12.0f calls/s  (min %,.0f, max %,.0f)%n",
        label, f.median(), f.min(), f.max());
  }

  /**
   * Calls one at a time for {@code warmup} seconds, then for {@code rounds} rounds of {@code
   * seconds}; the figures include the latency percentiles of the measured rounds.
   */
  static Figures sequential(Call call, double warmup, double seconds, int rounds)
      throws Exception {
    Latencies warm = new Latencies();
    sequentialRound(call, warmup, warm);
    Latencies measured = new Latencies();
    double[] rates = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      rates[r] = sequentialRound(call, seconds, measured);
    }
    return Figures.of(rates, measured.kept());
  }

  /** The most recent {@link #LATENCY_SAMPLES} latencies, in nanoseconds. */
  private static final class Latencies {
    final long[] samples = new long[LATENCY_SAMPLES];
    long count;

    void add(long nanos) {
      samples[(int) (count++ & (samples.length - 1))] = nanos;
    }

    long[] kept() {
      return Arrays.copyOf(samples, (int) Math.min(count, samples.length));
    }
  }

  /** One bounded round of calls one at a time; returns its calls/s. */
  private static double sequentialRound(Call call, double seconds, Latencies latencies)
      throws Exception {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long now = start;
    long n = 0;
    while (now < end) {
      long t0 = System.nanoTime();
      call.call(latencies.count).get(10, TimeUnit.SECONDS);
      now = System.nanoTime();
      latencies.add(now - t0);
      n++;
    }
    return n / ((now - start) / 1e9);
  }

  /**
   * Keeps {@code inflight} calls busy on each connection for {@code warmup} seconds, then for
   * {@code rounds} rounds of {@code seconds}; a round ends when the last answer after its deadline
   * is in. {@code connections} holds one {@link Call} per connection.
   */
  static Figures pipelined(
      List<Call> connections, int inflight, double warmup, double seconds, int rounds)
      throws Exception {
    pipelinedRound(connections, inflight, warmup);
    double[] rates = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      rates[r] = pipelinedRound(connections, inflight, seconds);
    }
    return Figures.ofRates(rates);
  }

  private static double pipelinedRound(List<Call> connections, int inflight, double seconds)
      throws Exception {
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    CompletableFuture<Void> finished = new CompletableFuture<>();
    AtomicLong active = new AtomicLong((long) inflight * connections.size());
    for (Call call : connections) {
      for (int i = 0; i < inflight; i++) {
        issue(call, end, done, active, finished);
      }
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
