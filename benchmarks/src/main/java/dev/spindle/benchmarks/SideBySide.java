package dev.spindle.benchmarks;

import dev.spindle.transport.IoTransport;
import io.netty.channel.EventLoopGroup;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The side-by-side load tool of the performance issue: for each scenario ({@link Scenario}) it
 * measures Java client -> Java server, Java -> Twisted, Twisted -> Java, Twisted -> Twisted and
 * the raw-socket floor ({@link Pairing}), client and server in separate processes on 127.0.0.1,
 * and prints one table ({@link ResultTable}).
 *
 * <p>The Java client runs in this JVM (one event-loop thread); each Java server is a JVM of its
 * own ({@link BenchServer}); the Twisted peers are {@code amp_bench.py} and {@code pb_bench.py}
 * run with {@code /usr/bin/python3} ({@link TwistedScripts}), and their clients measure
 * themselves. Every round is bounded in time, and every child process is killed on every way out.
 *
 * <pre>
 * SideBySide [--seconds S] [--warmup S] [--rounds R] [--quick] [--only LIST] [--markdown]
 *            [--server-jvm-args "ARGS"] [--server-threads N] [--python PATH] [--svg FILE]
 * </pre>
 *
 * See {@code benchmarks/README.md}.
 */
public final class SideBySide {
  private static final String USAGE = """
      usage: SideBySide [options]
        --seconds S          length of each measured round (default 2; --quick: 0.3)
        --warmup S           warm-up before the rounds of each row (default: --seconds;
                             --quick: 0.4)
        --rounds R           measured rounds per row, median and min-max reported (default 3)
        --quick              short rounds: the whole table in about a minute
        --only LIST          comma-separated: amp, pb, a scenario (%s)
                             and/or a pairing (%s)
        --markdown           print the table as markdown
        --server-jvm-args A  JVM options of the Java server process (default "-Xms512m -Xmx512m")
        --server-threads N   event-loop threads of the Java server (default 1)
        --python PATH        the Python with Twisted 22.4 (default /usr/bin/python3)
        --svg FILE           also write the table as an SVG chart (calls/s on a log scale,
                             p50/p99 of the one-at-a-time rows)

      Java -> Java runs on the default I/O transport (IoTransport.AUTO: epoll, io_uring or
      NIO, whichever works first); java-java-nio, java-java-epoll and java-java-io_uring force
      one on both sides (by default those that work here and differ from the default). The
      amp-scale-N rows: 8 connections, N event-loop threads on each side, Java -> Java only.
      """;

  /** {@code --quick}: rounds of 0.3 s after 0.4 s of warm-up, the table in about a minute. */
  static final double QUICK_SECONDS = 0.3;

  static final double QUICK_WARMUP = 0.4;

  /** The command-line options. */
  record Options(
      double seconds,
      double warmup,
      int rounds,
      Set<Scenario> scenarios,
      Set<Pairing> pairings,
      boolean markdown,
      List<String> serverJvmArgs,
      int serverThreads,
      String python,
      Path svg) {

    static Options parse(String... args) {
      Double seconds = null;
      Double warmup = null;
      int rounds = 3;
      boolean quick = false;
      boolean markdown = false;
      Set<Scenario> scenarios = EnumSet.noneOf(Scenario.class);
      Set<Pairing> pairings = EnumSet.noneOf(Pairing.class);
      List<String> jvm = List.of("-Xms512m", "-Xmx512m");
      int threads = 1;
      String python = System.getProperty("spindle.python", "/usr/bin/python3");
      Path svg = null;
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        switch (a) {
          case "--quick" -> quick = true;
          case "--markdown" -> markdown = true;
          case "--seconds" -> seconds = positive(a, value(args, ++i));
          case "--warmup" -> warmup = Double.parseDouble(value(args, ++i));
          case "--rounds" -> rounds = (int) positive(a, value(args, ++i));
          case "--server-threads" -> threads = (int) positive(a, value(args, ++i));
          case "--python" -> python = value(args, ++i);
          case "--svg" -> svg = Path.of(value(args, ++i));
          case "--server-jvm-args" -> jvm = List.of(value(args, ++i).trim().split("\\s+"));
          case "--only" -> only(value(args, ++i), scenarios, pairings);
          default -> throw new IllegalArgumentException("unknown option: " + a);
        }
      }
      double s = seconds != null ? seconds : quick ? QUICK_SECONDS : 2;
      return new Options(
          s,
          warmup != null ? warmup : quick ? QUICK_WARMUP : s,
          rounds,
          scenarios.isEmpty() ? EnumSet.allOf(Scenario.class) : scenarios,
          pairings.isEmpty() ? defaultPairings() : pairings,
          markdown,
          jvm.size() == 1 && jvm.get(0).isEmpty() ? List.of() : jvm,
          threads,
          python,
          svg);
    }

    /**
     * Every pairing, less the transport rows that would repeat Java -> Java (the default
     * transport) or cannot run here.
     */
    static Set<Pairing> defaultPairings() {
      Set<Pairing> all = EnumSet.allOf(Pairing.class);
      IoTransport auto = IoTransport.AUTO.resolve();
      all.removeIf(p -> p.transportRow() && (p.transport == auto || !p.transport.isAvailable()));
      return all;
    }

    private static String value(String[] args, int i) {
      if (i >= args.length) {
        throw new IllegalArgumentException(args[i - 1] + ": missing value");
      }
      return args[i];
    }

    private static double positive(String option, String value) {
      double d = Double.parseDouble(value);
      if (!(d > 0)) {
        throw new IllegalArgumentException(option + ": " + value + " (expected: > 0)");
      }
      return d;
    }

    private static void only(String list, Set<Scenario> scenarios, Set<Pairing> pairings) {
      for (String token : list.split(",")) {
        String t = token.trim();
        Scenario s = Scenario.byId(t);
        Pairing p = Pairing.byId(t);
        if (s != null) {
          scenarios.add(s);
        } else if (p != null) {
          pairings.add(p);
        } else if (Arrays.stream(Scenario.Protocol.values()).anyMatch(pr -> pr.id.equals(t))) {
          Scenario.all().stream().filter(x -> x.protocol.id.equals(t)).forEach(scenarios::add);
        } else {
          throw new IllegalArgumentException(
              "--only: " + t + " (expected: amp, pb, " + ids(Scenario.values()) + " or "
                  + ids(Pairing.values()) + ")");
        }
      }
    }

    /** Rows to measure. */
    int cells() {
      int n = 0;
      for (Scenario s : scenarios) {
        for (Pairing p : pairings) {
          n += s.measures(p) ? 1 : 0;
        }
      }
      return n;
    }

    /** A rough upper estimate of the run's length, in seconds. */
    double estimatedSeconds() {
      return cells() * (warmup + rounds * seconds + 1) + 5;
    }
  }

  private SideBySide() {}

  public static void main(String[] args) throws Exception {
    if (Arrays.asList(args).contains("--help")) {
      System.out.printf(USAGE, ids(Scenario.values()), ids(Pairing.values()));
      return;
    }
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.printf(USAGE, ids(Scenario.values()), ids(Pairing.values()));
      System.exit(2);
      return;
    }
    Results results = run(options, System.err);
    System.out.print(ResultTable.render(results, options));
    System.out.flush();
    if (options.svg() != null) {
      Files.writeString(options.svg(), ResultChart.render(results, options));
      System.err.println("side-by-side: wrote " + options.svg());
    }
    System.exit(results.allMeasured() ? 0 : 1);
  }

  /** The figures of each row, or why a row has none. */
  static final class Results {
    private final Map<Scenario, Map<Pairing, Figures>> figures = new EnumMap<>(Scenario.class);
    private final Map<Scenario, Map<Pairing, String>> failures = new EnumMap<>(Scenario.class);
    private final Map<Scenario, Map<Pairing, Double>> serverBytes = new EnumMap<>(Scenario.class);

    void put(Scenario s, Pairing p, Figures f) {
      figures.computeIfAbsent(s, k -> new EnumMap<>(Pairing.class)).put(p, f);
    }

    void fail(Scenario s, Pairing p, String why) {
      failures.computeIfAbsent(s, k -> new EnumMap<>(Pairing.class)).put(p, why);
    }

    void serverBytesPerCall(Scenario s, Pairing p, double bytes) {
      serverBytes.computeIfAbsent(s, k -> new EnumMap<>(Pairing.class)).put(p, bytes);
    }

    /**
     * Bytes the Java server's event loop allocated per call over the row (warm-up included), or
     * NaN when the server is not Spindle's.
     */
    double serverBytesPerCall(Scenario s, Pairing p) {
      return serverBytes.getOrDefault(s, Map.of()).getOrDefault(p, Double.NaN);
    }

    /** The figures, or null. */
    Figures get(Scenario s, Pairing p) {
      return figures.getOrDefault(s, Map.of()).get(p);
    }

    /** Why the row has no figures, or null. */
    String failure(Scenario s, Pairing p) {
      return failures.getOrDefault(s, Map.of()).get(p);
    }

    boolean allMeasured() {
      return failures.isEmpty();
    }
  }

  /**
   * Measures every selected row, reporting progress on {@code progress}; a row that fails is
   * recorded as failed and the run goes on.
   */
  static Results run(Options o, PrintStream progress) throws Exception {
    progress.printf("side-by-side: %d rows, median of %d round(s) of %.1f s after %.1f s of "
            + "warm-up each; about %.0f s%n",
        o.cells(), o.rounds(), o.seconds(), o.warmup(), o.estimatedSeconds());
    double lifetime = o.estimatedSeconds() * 2 + 120;
    Results results = new Results();
    List<AutoCloseable> closing = new ArrayList<>();
    Map<String, EventLoopGroup> clientLoops = new HashMap<>();
    try (TwistedScripts twisted = TwistedScripts.extract(o.python())) {
      Servers servers = Servers.start(o, twisted, lifetime, closing);
      int done = 0;
      for (Scenario s : o.scenarios()) {
        for (Pairing p : o.pairings()) {
          if (!s.measures(p)) {
            continue;
          }
          done++;
          progress.printf("[%2d/%d] %-12s %-18s ", done, o.cells(), s.id, p.label);
          progress.flush();
          try {
            long[] before = servers.stats(s, p);
            Figures f = measure(s, p, o, servers, twisted, clientLoops);
            long[] after = servers.stats(s, p);
            results.put(s, p, f);
            String alloc = "";
            if (before != null && after[0] > before[0]) {
              double perCall = (double) (after[1] - before[1]) / (after[0] - before[0]);
              results.serverBytesPerCall(s, p, perCall);
              alloc = String.format(", server %,.0f B/call", perCall);
            }
            progress.printf("%,.0f calls/s%s%n", f.median(), alloc);
          } catch (Exception e) {
            String why = e.getClass().getSimpleName() + ": " + e.getMessage();
            results.fail(s, p, why);
            progress.printf("FAILED %s%n", why);
          }
        }
      }
    } finally {
      for (AutoCloseable c : closing) {
        try {
          c.close();
        } catch (Exception e) {
          progress.println("closing " + c + ": " + e);
        }
      }
      for (EventLoopGroup loop : clientLoops.values()) {
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
      }
    }
    return results;
  }

  private static Figures measure(
      Scenario s, Pairing p, Options o, Servers servers, TwistedScripts twisted,
      Map<String, EventLoopGroup> clientLoops) throws Exception {
    if (p == Pairing.FLOOR) {
      return FloorClient.measure(s, servers.floorPort, o.warmup(), o.seconds(), o.rounds());
    }
    int port = servers.port(s, p, o);
    if (p.client != Pairing.Side.JAVA) {
      return twisted.measure(s, port, o.warmup(), o.seconds(), o.rounds());
    }
    // The Java client: one event-loop thread, or the scaling row's count, on the row's transport.
    int threads = s.scaling() ? s.threads : 1;
    IoTransport transport = p.transport.resolve();
    EventLoopGroup loop = clientLoops.get(transport + "/" + threads);
    if (loop == null) {
      loop = transport.newEventLoopGroup(threads);
      clientLoops.put(transport + "/" + threads, loop);
    }
    return JavaClient.measure(s, port, loop, o.warmup(), o.seconds(), o.rounds());
  }

  /** The server processes the selected rows need, started together, and their ports. */
  private static final class Servers {
    /** Spindle's server processes by transport and thread count, started when first needed. */
    final Map<String, JavaServer> spindle = new HashMap<>();
    Options options;
    double lifetime;
    List<AutoCloseable> closing;
    int twistedAmpPort;
    int twistedPbPort;
    int floorPort;

    static Servers start(Options o, TwistedScripts twisted, double lifetime,
        List<AutoCloseable> closing) throws Exception {
      Set<Pairing.Side> serverSides = EnumSet.noneOf(Pairing.Side.class);
      o.pairings().forEach(p -> serverSides.add(p.server));
      Set<Scenario.Protocol> protocols = EnumSet.noneOf(Scenario.Protocol.class);
      o.scenarios().forEach(s -> protocols.add(s.protocol));
      Servers servers = new Servers();
      servers.options = o;
      servers.lifetime = lifetime;
      servers.closing = closing;
      Child floor = null;
      Map<Scenario.Protocol, Child> twistedServers = new EnumMap<>(Scenario.Protocol.class);
      if (serverSides.contains(Pairing.Side.JAVA)) {
        servers.java(IoTransport.AUTO, o.serverThreads()); // the usual one, with the others
      }
      if (serverSides.contains(Pairing.Side.FLOOR)) {
        floor = javaServer(o, "floor", lifetime, List.of());
        closing.add(floor);
      }
      if (serverSides.contains(Pairing.Side.TWISTED)) {
        for (Scenario.Protocol protocol : protocols) {
          Child c = twisted.startServer(protocol, lifetime);
          closing.add(c);
          twistedServers.put(protocol, c);
        }
      }
      if (floor != null) {
        servers.floorPort = port(floor.awaitLine("PORT floor ", 60));
      }
      for (Map.Entry<Scenario.Protocol, Child> e : twistedServers.entrySet()) {
        int port = port(e.getValue().awaitLine("PORT ", 60));
        if (e.getKey() == Scenario.Protocol.AMP) {
          servers.twistedAmpPort = port;
        } else {
          servers.twistedPbPort = port;
        }
      }
      return servers;
    }

    /** A Spindle server process and its ports. */
    record JavaServer(Child child, int ampPort, int pbPort, int pbTypedPort) {}

    /** The Spindle server on {@code transport} with {@code threads} loop threads, started once. */
    JavaServer java(IoTransport transport, int threads) throws Exception {
      IoTransport t = transport.resolve();
      String key = t + "/" + threads;
      JavaServer server = spindle.get(key);
      if (server == null) {
        Child child = javaServer(options, "spindle", lifetime, List.of(
            "--threads", Integer.toString(threads), "--transport", t.name()));
        closing.add(child);
        server = new JavaServer(child, port(child.awaitLine("PORT amp ", 60)),
            port(child.awaitLine("PORT pb ", 60)), port(child.awaitLine("PORT pb-typed ", 60)));
        spindle.put(key, server);
      }
      return server;
    }

    private JavaServer java(Scenario s, Pairing p) throws Exception {
      return java(p.transport, s.scaling() ? s.threads : options.serverThreads());
    }

    /**
     * The Java server's calls answered and bytes allocated by its event loop so far, when {@code
     * p}'s server is the Java one; otherwise null.
     */
    long[] stats(Scenario s, Pairing p) throws Exception {
      if (p.server != Pairing.Side.JAVA) {
        return null;
      }
      String line = java(s, p).child().request("STATS", "STATS ", 30);
      long calls = -1;
      long allocated = -1;
      for (String field : line.substring("STATS ".length()).trim().split("\\s+")) {
        if (field.startsWith("calls=")) {
          calls = Long.parseLong(field.substring(6));
        } else if (field.startsWith("allocated=")) {
          allocated = Long.parseLong(field.substring(10));
        }
      }
      if (calls < 0 || allocated < 0) {
        throw new IllegalStateException("Java server's STATS: " + line);
      }
      return new long[] {calls, allocated};
    }

    int port(Scenario s, Pairing p, Options o) throws Exception {
      if (p.server == Pairing.Side.JAVA) {
        JavaServer server = java(s, p);
        if (s.typed()) {
          return server.pbTypedPort();
        }
        return s.protocol == Scenario.Protocol.AMP ? server.ampPort() : server.pbPort();
      }
      return s.protocol == Scenario.Protocol.AMP ? twistedAmpPort : twistedPbPort;
    }

    private static int port(String line) {
      return Integer.parseInt(line.substring(line.lastIndexOf(' ') + 1).trim());
    }

    private static Child javaServer(Options o, String kind, double lifetime, List<String> extra)
        throws Exception {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.addAll(o.serverJvmArgs());
      cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
          BenchServer.class.getName(), kind, "--lifetime", Double.toString(lifetime)));
      cmd.addAll(extra);
      return Child.start("Java " + kind + " server", cmd);
    }
  }

  static String ids(Enum<?>[] values) {
    List<String> ids = new ArrayList<>();
    for (Enum<?> v : values) {
      ids.add(v instanceof Scenario s ? s.id : ((Pairing) v).id);
    }
    return String.join(", ", ids);
  }
}
