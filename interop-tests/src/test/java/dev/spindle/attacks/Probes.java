package dev.spindle.attacks;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.testing.GoldenCommands;
import dev.spindle.amp.testing.GoldenCommands.Sum;
import dev.spindle.cred.UsernamePassword;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.RemoteReference;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A normal AMP client ({@code Sum} on the golden server) and a normal PB client (logged in,
 * {@code echo} on its avatar), on event loops of their own, timing their calls: a series of rounds
 * in the background while an attack runs, a few rounds before it for the baseline. Every call is
 * bounded by {@link #CALL_LIMIT_MS}; one that fails or times out counts as a failure.
 */
final class Probes implements AutoCloseable {
  static final long CALL_LIMIT_MS = 5_000;
  /** Pause between rounds, so that probes sample the attack rather than compete with it. */
  private static final long PAUSE_MS = 10;

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final AmpClient ampClient = AmpClient.builder().eventLoopGroup(group).build();
  private final PbClient pbClient = PbClient.builder().eventLoopGroup(group).build();
  private final AmpConnection amp;
  private final RemoteReference avatar;
  private Thread background;
  private volatile boolean stop;
  private volatile boolean paused;
  private Series running;

  Probes(AttackTarget target) throws Exception {
    amp = ampClient.connect("127.0.0.1", target.amp.port()).get(CALL_LIMIT_MS, TimeUnit.MILLISECONDS);
    avatar = pbClient.login("127.0.0.1", target.pb.port(),
            UsernamePassword.of(AttackTarget.USER, AttackTarget.PASSWORD), null)
        .get(CALL_LIMIT_MS, TimeUnit.MILLISECONDS);
  }

  /** Latencies of one series of rounds, in milliseconds. */
  static final class Series {
    final List<Double> amp = Collections.synchronizedList(new ArrayList<>());
    final List<Double> pb = Collections.synchronizedList(new ArrayList<>());
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    static double percentile(List<Double> values, double p) {
      List<Double> sorted;
      synchronized (values) {
        sorted = new ArrayList<>(values);
      }
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      Collections.sort(sorted);
      int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
      return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    @Override
    public String toString() {
      return String.format(
          "AMP n=%d p50=%.1f p90=%.1f max=%.1f ms; PB n=%d p50=%.1f p90=%.1f max=%.1f ms; failures=%s",
          amp.size(), percentile(amp, 50), percentile(amp, 90), percentile(amp, 100),
          pb.size(), percentile(pb, 50), percentile(pb, 90), percentile(pb, 100), failures);
    }
  }

  /** Runs {@code rounds} rounds now, on this thread. */
  Series sample(int rounds) {
    Series s = new Series();
    for (int r = 0; r < rounds; r++) {
      round(s);
    }
    return s;
  }

  /** Starts rounds in the background until {@link #stop()}. */
  void start() {
    running = new Series();
    stop = false;
    background = new Thread(() -> {
      while (!stop) {
        if (!paused) {
          round(running);
          synchronized (this) {
            notifyAll();
          }
        }
        pause();
      }
    }, "attack-probes");
    background.setDaemon(true);
    background.start();
  }

  /** Rounds of the background series so far. */
  int rounds() {
    Series s = running;
    return s == null ? 0 : Math.min(s.amp.size(), s.pb.size());
  }

  /** Waits (bounded) until the background series has {@code rounds} rounds. */
  void awaitRounds(int rounds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(rounds * 2 * CALL_LIMIT_MS);
    synchronized (this) {
      while (Math.min(running.amp.size(), running.pb.size()) < rounds) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return; // the assertions report the short series
        }
        wait(left);
      }
    }
  }

  /** Holds the background rounds (while the heap is measured: a full GC is not the attack's). */
  void pause(boolean pause) {
    paused = pause;
  }

  /** Stops the background rounds; returns their latencies. */
  Series stop() throws InterruptedException {
    stop = true;
    background.join(2 * CALL_LIMIT_MS + 1_000);
    return running;
  }

  private void round(Series s) {
    long t0 = System.nanoTime();
    try {
      Sum.Result r = amp.callRemote(GoldenCommands.SUM, new Sum(20, 22))
          .get(CALL_LIMIT_MS, TimeUnit.MILLISECONDS);
      if (r.total() != 42) {
        s.failures.add("AMP answered " + r);
      }
      s.amp.add((System.nanoTime() - t0) / 1e6);
    } catch (Exception e) {
      s.failures.add("AMP: " + e);
      s.amp.add((double) CALL_LIMIT_MS);
    }
    long t1 = System.nanoTime();
    try {
      Object r = avatar.callRemote("echo", 42L).get(CALL_LIMIT_MS, TimeUnit.MILLISECONDS);
      if (!Long.valueOf(42).equals(r) && !Integer.valueOf(42).equals(r)) {
        s.failures.add("PB answered " + r);
      }
      s.pb.add((System.nanoTime() - t1) / 1e6);
    } catch (Exception e) {
      s.failures.add("PB: " + e);
      s.pb.add((double) CALL_LIMIT_MS);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(PAUSE_MS); // pacing between rounds, not synchronisation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop = true;
    ampClient.close();
    pbClient.close();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
