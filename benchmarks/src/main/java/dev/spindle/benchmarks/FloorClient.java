package dev.spindle.benchmarks;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw-socket floor's client: plain blocking Java sockets against a {@link FloorServer}, with
 * the byte sizes of a scenario's request and response. One at a time: write a request, read its
 * response. K in flight: per connection, a writer thread sends as many requests as there are free
 * slots in one write, and a reader thread frees a slot per response read, as a well-batched
 * protocol implementation would.
 */
final class FloorClient {
  /** Socket read timeout, so readers notice the end of a round. */
  private static final int POLL_MILLIS = 100;

  private FloorClient() {}

  /** Measures {@code scenario}'s shape against the floor server on 127.0.0.1:{@code port}. */
  static Figures measure(Scenario scenario, int port, double warmup, double seconds, int rounds)
      throws Exception {
    int request = scenario.requestBytes();
    int response = scenario.responseBytes();
    List<Socket> sockets = new ArrayList<>();
    try {
      for (int i = 0; i < scenario.connections; i++) {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        sockets.add(s);
        s.setTcpNoDelay(true);
        s.setSoTimeout(POLL_MILLIS);
        DataOutputStream header = new DataOutputStream(s.getOutputStream());
        header.writeInt(request);
        header.writeInt(response);
        header.flush();
      }
      if (scenario.sequential()) {
        Socket s = sockets.get(0);
        long[] latencies = new long[1 << 18];
        long[] count = {0};
        sequentialRound(s, request, response, warmup, new long[1 << 10], new long[] {0});
        double[] rates = new double[rounds];
        for (int r = 0; r < rounds; r++) {
          rates[r] = sequentialRound(s, request, response, seconds, latencies, count);
        }
        return Figures.of(rates, Arrays.copyOf(latencies, (int) Math.min(count[0], latencies.length)));
      }
      pipelinedRound(sockets, scenario.inflight, request, response, warmup);
      double[] rates = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        rates[r] = pipelinedRound(sockets, scenario.inflight, request, response, seconds);
      }
      return Figures.ofRates(rates);
    } finally {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  private static double sequentialRound(
      Socket s, int request, int response, double seconds, long[] latencies, long[] count)
      throws IOException {
    OutputStream out = s.getOutputStream();
    InputStream in = s.getInputStream();
    byte[] buf = new byte[response];
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    long now = start;
    long n = 0;
    while (now < end) {
      long t0 = System.nanoTime();
      FloorServer.write(out, request);
      readFully(in, buf, end + TimeUnit.SECONDS.toNanos(30));
      now = System.nanoTime();
      latencies[(int) (count[0]++ & (latencies.length - 1))] = now - t0;
      n++;
    }
    return n / ((now - start) / 1e9);
  }

  private static void readFully(InputStream in, byte[] buf, long deadline) throws IOException {
    int off = 0;
    while (off < buf.length) {
      try {
        int n = in.read(buf, off, buf.length - off);
        if (n < 0) {
          throw new IOException("floor server closed the connection");
        }
        off += n;
      } catch (SocketTimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  private static double pipelinedRound(
      List<Socket> sockets, int inflight, int request, int response, double seconds)
      throws Exception {
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    AtomicLong done = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Exception> failures = new ArrayList<>();
    List<Connection> connections = new ArrayList<>();
    for (Socket s : sockets) {
      Connection c = new Connection(s, inflight, request, response, end, done, failures);
      connections.add(c);
      threads.add(thread(c::write, "floor-writer"));
      threads.add(thread(c::read, "floor-reader"));
    }
    long bound = end + TimeUnit.SECONDS.toNanos(30);
    for (Thread t : threads) {
      t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(bound - System.nanoTime())));
      if (t.isAlive()) {
        for (Socket s : sockets) {
          s.close();
        }
        throw new TimeoutException("floor round still running 30 s after its deadline");
      }
    }
    synchronized (failures) {
      if (!failures.isEmpty()) {
        throw failures.get(0);
      }
    }
    if (done.get() == 0) {
      throw new IllegalStateException("no answer from the floor server in a round");
    }
    long last = connections.stream().mapToLong(c -> c.lastAnswer).max().orElseThrow();
    return done.get() / ((last - start) / 1e9);
  }

  private static Thread thread(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** One connection's round: a writer and a reader sharing {@code inflight} slots. */
  private static final class Connection {
    private final Socket socket;
    private final Semaphore slots;
    private final int request;
    private final int response;
    private final long end;
    private final AtomicLong done;
    private final List<Exception> failures;
    private final AtomicLong sent = new AtomicLong();
    private volatile boolean writing = true;
    /** When the last answer came in, for the round's rate (readers poll, so their end is late). */
    volatile long lastAnswer;

    Connection(Socket socket, int inflight, int request, int response, long end, AtomicLong done,
        List<Exception> failures) {
      this.socket = socket;
      this.slots = new Semaphore(inflight);
      this.request = request;
      this.response = response;
      this.end = end;
      this.done = done;
      this.failures = failures;
    }

    void write() {
      try {
        OutputStream out = socket.getOutputStream();
        while (true) {
          if (!slots.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > end + TimeUnit.SECONDS.toNanos(30)) {
              throw new TimeoutException("no answer from the floor server");
            }
            continue;
          }
          if (System.nanoTime() >= end) {
            break;
          }
          int n = 1 + slots.drainPermits();
          sent.addAndGet(n);
          FloorServer.write(out, (long) n * request);
        }
      } catch (Exception e) {
        fail(e);
      } finally {
        writing = false;
      }
    }

    void read() {
      try {
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[64 * 1024];
        long partial = 0;
        long received = 0;
        while (writing || received < sent.get()) {
          int n;
          try {
            n = in.read(buf);
          } catch (SocketTimeoutException e) {
            if (System.nanoTime() > end + TimeUnit.SECONDS.toNanos(30)) {
              throw e;
            }
            continue;
          }
          if (n < 0) {
            throw new IOException("floor server closed the connection");
          }
          partial += n;
          int complete = (int) (partial / response);
          partial %= response;
          if (complete > 0) {
            lastAnswer = System.nanoTime();
            received += complete;
            done.addAndGet(complete);
            slots.release(complete);
          }
        }
      } catch (Exception e) {
        fail(e);
      }
    }

    private void fail(Exception e) {
      synchronized (failures) {
        failures.add(e);
      }
    }
  }
}
