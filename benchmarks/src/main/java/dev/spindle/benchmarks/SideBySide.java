package dev.spindle.benchmarks;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
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
 *            [--server-jvm-args "ARGS"] [--server-threads N] [--python PATH]
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
      String python) {

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
          pairings.isEmpty() ? EnumSet.allOf(Pairing.class) : pairings,
          markdown,
          jvm.size() == 1 && jvm.get(0).isEmpty() ? List.of() : jvm,
          threads,
          python);
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
      return scenarios.size() * pairings.size();
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
    EventLoopGroup clientLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try (TwistedScripts twisted = TwistedScripts.extract(o.python())) {
      Servers servers = Servers.start(o, twisted, lifetime, closing);
      int done = 0;
      for (Scenario s : o.scenarios()) {
        for (Pairing p : o.pairings()) {
          done++;
          progress.printf("[%2d/%d] %-12s %-18s ", done, o.cells(), s.id, p.label);
          progress.flush();
          try {
            long[] before = servers.stats(p);
            Figures f = measure(s, p, o, servers, twisted, clientLoop);
            long[] after = servers.stats(p);
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
      clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
    return results;
  }

  private static Figures measure(
      Scenario s, Pairing p, Options o, Servers servers, TwistedScripts twisted,
      EventLoopGroup clientLoop) throws Exception {
    if (p == Pairing.FLOOR) {
      return FloorClient.measure(s, servers.floorPort, o.warmup(), o.seconds(), o.rounds());
    }
    int port = s.typed() && p.server == Pairing.Side.JAVA
        ? servers.pbTypedPort : servers.port(s.protocol, p.server);
    return p.client == Pairing.Side.JAVA
        ? JavaClient.measure(s, port, clientLoop, o.warmup(), o.seconds(), o.rounds())
        : twisted.measure(s, port, o.warmup(), o.seconds(), o.rounds());
  }

  /** The server processes the selected rows need, started together, and their ports. */
  private static final class Servers {
    Child spindle;
    int ampPort;
    int pbPort;
    int pbTypedPort;
    int twistedAmpPort;
    int twistedPbPort;
    int floorPort;

    static Servers start(Options o, TwistedScripts twisted, double lifetime,
        List<AutoCloseable> closing) throws Exception {
      Set<Pairing.Side> serverSides = EnumSet.noneOf(Pairing.Side.class);
      o.pairings().forEach(p -> serverSides.add(p.server));
      Set<Scenario.Protocol> protocols = EnumSet.noneOf(Scenario.Protocol.class);
      o.scenarios().forEach(s -> protocols.add(s.protocol));
      Child spindle = null;
      Child floor = null;
      Map<Scenario.Protocol, Child> twistedServers = new EnumMap<>(Scenario.Protocol.class);
      if (serverSides.contains(Pairing.Side.JAVA)) {
        spindle = javaServer(o, "spindle", lifetime, List.of("--threads",
            Integer.toString(o.serverThreads())));
        closing.add(spindle);
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
      Servers servers = new Servers();
      servers.spindle = spindle;
      if (spindle != null) {
        servers.ampPort = port(spindle.awaitLine("PORT amp ", 60));
        servers.pbPort = port(spindle.awaitLine("PORT pb ", 60));
        servers.pbTypedPort = port(spindle.awaitLine("PORT pb-typed ", 60));
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

    /**
     * The Java server's calls answered and bytes allocated by its event loop so far, when {@code
     * p}'s server is the Java one; otherwise null.
     */
    long[] stats(Pairing p) throws Exception {
      if (p.server != Pairing.Side.JAVA || spindle == null) {
        return null;
      }
      String line = spindle.request("STATS", "STATS ", 30);
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

    int port(Scenario.Protocol protocol, Pairing.Side server) {
      if (server == Pairing.Side.JAVA) {
        return protocol == Scenario.Protocol.AMP ? ampPort : pbPort;
      }
      return protocol == Scenario.Protocol.AMP ? twistedAmpPort : twistedPbPort;
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
