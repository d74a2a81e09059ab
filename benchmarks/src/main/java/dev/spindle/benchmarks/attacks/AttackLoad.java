package dev.spindle.benchmarks.attacks;

import dev.spindle.amp.AmpClient;
import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.AmpServer;
import dev.spindle.benchmarks.Sum;
import dev.spindle.benchmarks.Sum_AmpSerializer;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import dev.spindle.cred.Realm;
import dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase;
import dev.spindle.pb.PbClient;
import dev.spindle.pb.PbServer;
import dev.spindle.pb.RemoteReference;
import dev.spindle.pb.banana.BananaDialect;
import dev.spindle.pb.banana.BananaEncoder;
import dev.spindle.pb.banana.Sexp;
import dev.spindle.pb.flavors.Root;
import dev.spindle.pb.login.Perspective;
import dev.spindle.transport.TransportOptions;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The long version of the attack suite: each scenario attacks in-process AMP and PB servers on
 * one event-loop group of 2 threads from {@code --connections} plain-socket attackers for {@code
 * --seconds}, while a normal AMP client ({@code Sum}) and a normal PB client ({@code add}) are
 * timed, and prints: attack rate, probe p50/p90/max, log lines, heap after GC (delta).
 *
 * <pre>
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.spindle.benchmarks.attacks.AttackLoad \
 *     [--seconds 10] [--connections 32] [--mib 8] [--max-bytes-per-read 16384] [scenario ...]
 * scenarios: amp-bad-arguments amp-unknown-commands pb-failing-calls pb-login-guessing
 *            pb-login-guessing-unthrottled pb-nested-lists amp-unfinished-frames
 *            pb-unfinished-strings (default: all)
 * </pre>
 *
 * <p>{@code --max-bytes-per-read} sets the servers' {@code TransportOptions.maxBytesPerRead} (0:
 * Netty's own read size, as before issue 11's read limit).
 */
public final class AttackLoad {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] DIALECT_OFFER = HEX.parseHex("02800282706204826e6f6e65");
  private static final byte[] VERSION = HEX.parseHex("028013870681");

  private final int seconds;
  private final int connections;
  private final int mib;
  private final TransportOptions options;
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  private final AtomicInteger passwordChecks = new AtomicInteger();

  private AttackLoad(int seconds, int connections, int mib, TransportOptions options) {
    this.seconds = seconds;
    this.connections = connections;
    this.mib = mib;
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    int seconds = 10;
    int connections = 32;
    int mib = 8;
    int perRead = TransportOptions.DEFAULT_MAX_BYTES_PER_READ;
    List<String> scenarios = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--connections" -> connections = Integer.parseInt(args[++i]);
        case "--mib" -> mib = Integer.parseInt(args[++i]);
        case "--max-bytes-per-read" -> perRead = Integer.parseInt(args[++i]);
        default -> scenarios.add(args[i]);
      }
    }
    if (scenarios.isEmpty()) {
      scenarios = List.of("amp-bad-arguments", "amp-unknown-commands", "pb-failing-calls",
          "pb-login-guessing", "pb-login-guessing-unthrottled", "pb-nested-lists",
          "amp-unfinished-frames", "pb-unfinished-strings");
    }
    AttackLoad load = new AttackLoad(seconds, connections, mib,
        TransportOptions.builder().maxBytesPerRead(perRead).build());
    System.out.printf("attack load: %d s, %d connections, %d MiB, %d bytes per read, heap max %d MiB, %d cpus%n",
        seconds, connections, mib, perRead, Runtime.getRuntime().maxMemory() >> 20,
        Runtime.getRuntime().availableProcessors());
    try {
      for (String s : scenarios) {
        load.run(s);
      }
    } finally {
      load.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    System.exit(0);
  }

  /** PB probes' root. */
  public static final class Adder implements Root {
    public long remote_add(long a, long b) {
      return a + b;
    }
  }

  /** The avatar of logged-in PB clients. */
  public static final class Avatar implements Perspective {
    public long perspective_add(long a, long b) {
      return a + b;
    }
  }

  private void run(String scenario) throws Exception {
    InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
    users.addUser("alice", "secret");
    dev.spindle.cred.CredentialsChecker counting = new dev.spindle.cred.CredentialsChecker() {
      @Override
      public List<Class<? extends dev.spindle.cred.Credentials>> credentialInterfaces() {
        return users.credentialInterfaces();
      }

      @Override
      public java.util.concurrent.CompletionStage<dev.spindle.cred.AvatarId> requestAvatarId(
          dev.spindle.cred.Credentials c) {
        passwordChecks.incrementAndGet();
        return users.requestAvatarId(c);
      }
    };
    passwordChecks.set(0);
    Realm realm = (Realm.Synchronous) (id, mind, ifs) ->
        LoginResult.of(Perspective.class, new Avatar(), () -> {});
    boolean throttled = !scenario.endsWith("-unthrottled");
    try (AmpServer amp = AmpServer.builder().locator(new Summer_AmpLocator(new Summer()))
            .transportOptions(options).eventLoopGroup(group).start();
        PbServer pbLogin = PbServer.builder().portal(new Portal(realm, counting)).transportOptions(options)
            .throttleLogins(throttled).eventLoopGroup(group).start();
        PbServer pb = PbServer.builder().root(new Adder()).transportOptions(options)
            .eventLoopGroup(group).start();
        AmpClient ampClient = AmpClient.builder().build();
        PbClient pbClient = PbClient.builder().build()) {
      AmpConnection ampProbe = ampClient.connect("127.0.0.1", amp.port()).get(10, TimeUnit.SECONDS);
      RemoteReference pbProbe = pbClient.connect("127.0.0.1", pb.port()).get(10, TimeUnit.SECONDS)
          .getRootObject().get(10, TimeUnit.SECONDS);
      Attacker attacker = switch (scenario) {
        case "amp-bad-arguments" -> this.ampBadArguments(amp.port());
        case "amp-unknown-commands" -> this.ampUnknownCommands(amp.port());
        case "pb-failing-calls" -> this.pbFailingCalls(pb.port());
        case "pb-login-guessing", "pb-login-guessing-unthrottled" -> this.pbGuess(pbLogin.port());
        case "pb-nested-lists", "amp-unfinished-frames", "pb-unfinished-strings" -> null;
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      };
      long heapBefore = usedHeapAfterGc();
      PrintStream err = System.err;
      LineCounter lines = new LineCounter();
      System.setErr(new PrintStream(lines, true, StandardCharsets.UTF_8));
      List<Double> ampMs = Collections.synchronizedList(new ArrayList<>());
      List<Double> pbMs = Collections.synchronizedList(new ArrayList<>());
      AtomicLong iterations = new AtomicLong();
      long heapPeak;
      long t0 = System.nanoTime();
      ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "attacker");
        t.setDaemon(true);
        return t;
      });
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Future<?> probes = pool.submit(() -> probe(ampProbe, pbProbe, deadline, ampMs, pbMs));
        if (attacker == null) {
          heapPeak = switch (scenario) {
            case "pb-nested-lists" -> holdNestedLists(pbLogin.port(), deadline);
            case "amp-unfinished-frames" -> holdUnfinishedAmpBoxes(amp.port(), deadline);
            default -> holdUnfinishedBananaStrings(pbLogin.port(), deadline);
          } - heapBefore;
        } else {
          List<Future<?>> fs = new ArrayList<>();
          for (int c = 0; c < connections; c++) {
            fs.add(pool.submit(() -> {
              while (System.nanoTime() < deadline) {
                attacker.attack();
                iterations.incrementAndGet();
              }
              return null;
            }));
          }
          for (Future<?> f : fs) {
            f.get(seconds + 120L, TimeUnit.SECONDS);
          }
          heapPeak = usedHeapAfterGc() - heapBefore;
        }
        probes.get(seconds + 60L, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
        System.setErr(err);
      }
      double elapsed = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          "%-30s %9d iterations (%8.0f/s)  AMP p50 %6.1f p90 %7.1f max %7.1f ms  PB p50 %6.1f p90 %7.1f max %7.1f ms"
              + "  log %6d lines  heap %+7.1f MiB  password checks %d%n",
          scenario, iterations.get(), iterations.get() / elapsed,
          pct(ampMs, 50), pct(ampMs, 90), pct(ampMs, 100), pct(pbMs, 50), pct(pbMs, 90), pct(pbMs, 100),
          lines.lines.get(), heapPeak / 1048576.0, passwordChecks.get());
    }
  }

  /** One iteration of one attacker. */
  @FunctionalInterface
  private interface Attacker {
    void attack() throws Exception;
  }

  private Attacker ampBadArguments(int port) {
    byte[] box = ampBox("_ask", "1", "_command", "Sum", "a", "x", "b", "1");
    return () -> {
      try (Socket s = connect(port)) {
        s.getOutputStream().write(box);
        drain(s.getInputStream());
      }
    };
  }

  private Attacker ampUnknownCommands(int port) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < 10_000; i++) {
      b.writeBytes(ampBox("_ask", "1", "_command", "NoSuchCommand"));
    }
    b.writeBytes(ampBox("_ask", "2", "_command", "Sum", "a", "1", "b", "2"));
    byte[] bytes = b.toByteArray();
    return () -> {
      try (Socket s = connect(port)) {
        s.getOutputStream().write(bytes);
        readUntil(s.getInputStream(), "_answer\u0000\u00012");
      }
    };
  }

  private Attacker pbFailingCalls(int port) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int id = 1; id <= 10_000; id++) {
      b.writeBytes(pb(call(id, "noSuchMethod", false)));
    }
    b.writeBytes(pb(call(0, "add", true, Sexp.integer(1), Sexp.integer(2))));
    byte[] bytes = b.toByteArray();
    return () -> {
      try (Socket s = pbConnect(port)) {
        s.getOutputStream().write(bytes);
        readUntil(s.getInputStream(), "\u001b\u0087"); // the answer
      }
    };
  }

  private Attacker pbGuess(int port) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(pb(call(1, "login", true, Sexp.ascii("alice"))));
    b.writeBytes(pb(Sexp.list(Sexp.ascii("message"), Sexp.integer(2), Sexp.integer(1),
        Sexp.ascii("respond"), Sexp.integer(1),
        Sexp.list(Sexp.ascii("tuple"), Sexp.bytes(new byte[16]), Sexp.list(Sexp.ascii("None"))),
        Sexp.list(Sexp.ascii("dictionary")))));
    byte[] bytes = b.toByteArray();
    return () -> {
      try (Socket s = pbConnect(port)) {
        s.setSoTimeout(2000); // a guess held longer by the throttle is given up
        s.getOutputStream().write(bytes);
        try {
          readUntil(s.getInputStream(), "UnauthorizedLogin");
        } catch (java.net.SocketTimeoutException held) {
          // counted as an iteration all the same
        }
      }
    };
  }

  /** Finding 2: connections each holding {@code mib} MiB of unfinished nested lists. */
  private long holdNestedLists(int port, long deadline) throws Exception {
    byte[] element = new byte[6 + 4 * 500_000];
    int at = 0;
    for (long v = 500_000; v > 0; v >>>= 7) {
      element[at++] = (byte) (v & 0x7f);
    }
    element[at++] = (byte) 0x80;
    for (int k = 0; k < 500_000; k++, at += 4) {
      element[at] = 0x01;
      element[at + 1] = (byte) 0x80;
      element[at + 2] = 0x00;
      element[at + 3] = (byte) 0x80;
    }
    element = java.util.Arrays.copyOf(element, at);
    return hold("pb-nested-lists", () -> pbConnect(port), HEX.parseHex("7f7f80"), element, deadline, e -> {});
  }

  /**
   * Finding 5 (AMP): connections each holding {@code mib} MiB of one unfinished box (64 KiB
   * values, never the empty key that ends it), against the server-wide memory budget.
   */
  private long holdUnfinishedAmpBoxes(int port, long deadline) throws Exception {
    ByteArrayOutputStream pairs = new ByteArrayOutputStream();
    for (int k = 0; k < 16; k++) {
      pairs.write(0);
      pairs.write(8);
      pairs.write(String.format("k%07d", k).getBytes(StandardCharsets.US_ASCII), 0, 8);
      pairs.write(0xff);
      pairs.write(0xff);
      pairs.write(new byte[0xffff], 0, 0xffff);
    }
    byte[] element = pairs.toByteArray();
    int stride = element.length / 16;
    int[] next = {0};
    // a new key for every value (k0000000, k0000001...): the box holds every value it received
    return hold("amp-unfinished-frames", () -> connect(port), new byte[0], element, deadline, e -> {
      for (int k = 0; k < 16; k++) {
        byte[] key = String.format("k%07d", next[0]++ % 10_000_000).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(key, 0, e, k * stride + 2, 8);
      }
    });
  }

  /**
   * Finding 5 (PB): connections each holding {@code mib} MiB of one unfinished Banana expression
   * (a list of 1 MiB strings, the last never finished), against the server-wide memory budget.
   */
  private long holdUnfinishedBananaStrings(int port, long deadline) throws Exception {
    byte[] string = new byte[4 + (1 << 20)];
    int at = 0;
    for (long v = 1 << 20; v > 0; v >>>= 7) {
      string[at++] = (byte) (v & 0x7f);
    }
    string[at++] = (byte) 0x82;
    string = java.util.Arrays.copyOf(string, at + (1 << 20));
    return hold("pb-unfinished-strings", () -> pbConnect(port), HEX.parseHex("7f7f80"), string, deadline, e -> {});
  }

  /** Opens {@code connections} sockets, each sending {@code prefix} then {@code element} until {@code mib} MiB. */
  private long hold(String name, SocketOpener opener, byte[] prefix, byte[] element, long deadline,
      java.util.function.Consumer<byte[]> beforeEachWrite) throws Exception {
    List<Socket> held = Collections.synchronizedList(new ArrayList<>());
    // a write to a server that stops reading blocks: close everything once the time is up
    java.util.concurrent.ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "attack-watchdog");
      t.setDaemon(true);
      return t;
    });
    watchdog.schedule(() -> closeAll(held),
        Math.max(0, deadline - System.nanoTime()) + TimeUnit.SECONDS.toNanos(30), TimeUnit.NANOSECONDS);
    long wire = 0;
    int closedByServer = 0;
    try {
      for (int c = 0; c < connections && System.nanoTime() < deadline; c++) {
        Socket s = opener.open();
        held.add(s);
        try {
          s.getOutputStream().write(prefix);
          for (long sent = 0; sent < (long) mib << 20; sent += element.length) {
            beforeEachWrite.accept(element);
            s.getOutputStream().write(element);
            wire += element.length;
          }
        } catch (IOException closed) {
          closedByServer++;
        }
      }
      long used = usedHeapAfterGc();
      io.netty.buffer.ByteBufAllocatorMetric pooled =
          ((io.netty.buffer.ByteBufAllocatorMetricProvider) io.netty.buffer.ByteBufAllocator.DEFAULT).metric();
      System.out.printf("%s: %d connections sent %.1f MiB of unfinished frames; %d were closed by the server"
          + " while sending; heap after GC %.1f MiB of %d MiB; Netty's allocator: direct %.1f MiB, heap %.1f MiB%n",
          name, held.size(), wire / 1048576.0, closedByServer, used / 1048576.0,
          Runtime.getRuntime().maxMemory() >> 20, pooled.usedDirectMemory() / 1048576.0,
          pooled.usedHeapMemory() / 1048576.0);
      return used;
    } finally {
      watchdog.shutdownNow();
      closeAll(held);
    }
  }

  private static void closeAll(List<Socket> sockets) {
    synchronized (sockets) {
      for (Socket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing anyway
        }
      }
    }
  }

  @FunctionalInterface
  private interface SocketOpener {
    Socket open() throws IOException;
  }

  private static void probe(AmpConnection amp, RemoteReference pb, long deadline,
      List<Double> ampMs, List<Double> pbMs) {
    while (System.nanoTime() < deadline) {
      long t0 = System.nanoTime();
      try {
        amp.callRemote(Sum_AmpSerializer.INSTANCE, new Sum(1, 2)).get(10, TimeUnit.SECONDS);
        ampMs.add((System.nanoTime() - t0) / 1e6);
      } catch (Exception e) {
        ampMs.add(10_000.0);
      }
      long t1 = System.nanoTime();
      try {
        pb.callRemote("add", 1L, 2L).get(10, TimeUnit.SECONDS);
        pbMs.add((System.nanoTime() - t1) / 1e6);
      } catch (Exception e) {
        pbMs.add(10_000.0);
      }
      try {
        Thread.sleep(10); // pacing
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  // ---- wire ---------------------------------------------------------------------------------

  private static Socket connect(int port) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
    s.setSoTimeout(30_000);
    return s;
  }

  private static Socket pbConnect(int port) throws IOException {
    Socket s = connect(port);
    s.getInputStream().readNBytes(DIALECT_OFFER.length);
    s.getOutputStream().write(HEX.parseHex("02827062"));
    s.getOutputStream().write(VERSION);
    s.getInputStream().readNBytes(VERSION.length);
    return s;
  }

  private static byte[] ampBox(String... kv) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String f : kv) {
      byte[] b = f.getBytes(StandardCharsets.ISO_8859_1);
      out.write(b.length >>> 8);
      out.write(b.length & 0xff);
      out.writeBytes(b);
    }
    out.write(0);
    out.write(0);
    return out.toByteArray();
  }

  private static Sexp call(long id, String method, boolean answer, Sexp... args) {
    List<Sexp> tuple = new ArrayList<>();
    tuple.add(Sexp.ascii("tuple"));
    tuple.addAll(List.of(args));
    return Sexp.list(Sexp.ascii("message"), Sexp.integer(id), Sexp.ascii("root"),
        Sexp.ascii(method), Sexp.integer(answer ? 1 : 0), Sexp.list(tuple),
        Sexp.list(Sexp.ascii("dictionary")));
  }

  private static byte[] pb(Sexp s) {
    return BananaEncoder.encode(s, BananaDialect.PB);
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buf = new byte[8192];
    try {
      while (in.read(buf) >= 0) {
        // until closed
      }
    } catch (java.net.SocketException reset) {
      // closed with RST
    }
  }

  private static void readUntil(InputStream in, String marker) throws IOException {
    StringBuilder tail = new StringBuilder();
    byte[] buf = new byte[65536];
    int n;
    while ((n = in.read(buf)) > 0) {
      tail.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
      if (tail.indexOf(marker) >= 0) {
        return;
      }
      if (tail.length() > 4096) {
        tail.delete(0, tail.length() - 256);
      }
    }
    throw new IOException("closed before " + marker);
  }

  private static double pct(List<Double> values, double p) {
    List<Double> sorted;
    synchronized (values) {
      sorted = new ArrayList<>(values);
    }
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(sorted);
    int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
  }

  private static long usedHeapAfterGc() {
    long least = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return least;
  }

  /** Counts the lines written to it. */
  private static final class LineCounter extends OutputStream {
    final AtomicLong lines = new AtomicLong();

    @Override
    public void write(int b) {
      if (b == '\n') {
        lines.incrementAndGet();
      }
    }

    @Override
    public void write(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        if (b[i] == '\n') {
          lines.incrementAndGet();
        }
      }
    }
  }
}
