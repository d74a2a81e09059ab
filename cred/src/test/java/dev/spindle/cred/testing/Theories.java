package dev.spindle.cred.testing;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;
import org.quicktheories.QuickTheory;
import org.quicktheories.api.AsString;
import org.quicktheories.core.NoGuidance;
import org.quicktheories.core.Reporter;
import org.quicktheories.impl.Precursor;

/**
 * The one way Spindle's tests run a property: QuickTheories ({@code org.quicktheories}) with a
 * known seed and a failure message that says how to replay it. Each property is a plain JUnit
 * {@code @Test} that calls {@code Theories.qt(tries).forAll(...).checkAssert(...)}, so the JUnit
 * extensions (the suite-wide Netty leak check, {@code @LeakChecked}) cover it like any other test.
 *
 * <p>The seed is random per property and printed on failure; {@code -Dspindle.seed=N} fixes it for
 * every property of the run, so {@code mvn test -pl <module> -Dtest=Class#method -Dspindle.seed=N}
 * replays a failure (the same examples in the same order, then the same shrinking). {@code
 * -Dspindle.tries=N} overrides every property's number of tries (longer local runs). {@code
 * -Dspindle.theories.stats=FILE} appends, when the JVM exits, one line per property run: its name,
 * the tries asked for, the examples actually run and the seed.
 */
public final class Theories {
  /** The system property that fixes the seed of every property. */
  public static final String SEED = "spindle.seed";

  /** The system property that overrides the number of tries of every property. */
  public static final String TRIES = "spindle.tries";

  /** The system property naming the file that gets the statistics of the run. */
  public static final String STATS = "spindle.theories.stats";

  private static final SecureRandom SEEDS = new SecureRandom();
  private static final List<Supplier<String>> STATS_RUNS = new ArrayList<>();
  private static final int MAX_SHRINK_CYCLES = 10_000;
  private static final int MAX_SHOWN = 2_000;

  private Theories() {}

  /**
   * A theory that draws {@code tries} examples, shrinks a failure and reports it with its seed.
   * QuickTheories skips an example it has already run (same draws), so fewer may run: a boolean
   * runs twice. The ported properties ask for enough tries that the examples actually run are at
   * least the tries jqwik made ({@code -Dspindle.theories.stats=FILE} counts them).
   */
  public static QuickTheory qt(int tries) {
    String fixed = System.getProperty(SEED);
    long seed = fixed == null || fixed.isBlank() ? SEEDS.nextLong() : Long.parseLong(fixed.trim());
    String override = System.getProperty(TRIES);
    int examples = override == null || override.isBlank() ? tries : Integer.parseInt(override.trim());
    String test = caller();
    QuickTheory qt = QuickTheory.qt()
        .withFixedSeed(seed)
        .withExamples(examples)
        .withShrinkCycles((int) Math.min(100L * examples, MAX_SHRINK_CYCLES))
        .withReporter(new Report(test));
    String stats = System.getProperty(STATS);
    if (stats != null && !stats.isBlank()) {
      int[] run = countedRun(stats, test + "\t" + examples + "\t", "\t" + seed);
      qt = qt.withGuidance(prng -> new NoGuidance() {
        @Override
        public void newExample(Precursor precursor) {
          run[0]++;
        }
      });
    }
    return qt;
  }

  /** A counter of examples; its line goes to {@code file} when the JVM exits. */
  private static int[] countedRun(String file, String before, String after) {
    int[] count = new int[1];
    synchronized (STATS_RUNS) {
      if (STATS_RUNS.isEmpty()) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> writeStats(file)));
      }
      STATS_RUNS.add(() -> before + count[0] + after);
    }
    return count;
  }

  private static void writeStats(String file) {
    List<String> lines = new ArrayList<>();
    synchronized (STATS_RUNS) {
      STATS_RUNS.forEach(line -> lines.add(line.get()));
    }
    try {
      Files.write(Path.of(file), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      System.err.println("cannot write " + file + ": " + e);
    }
  }

  /** {@code Class#method} of the test that called {@link #qt}. */
  private static String caller() {
    return StackWalker.getInstance()
        .walk(frames -> frames
            .filter(f -> !f.getClassName().equals(Theories.class.getName()))
            .findFirst()
            .map(f -> f.getClassName().replaceFirst("^.*\\.", "") + "#" + f.getMethodName())
            .orElse("?"));
  }

  /**
   * A readable value: byte arrays in hex, strings quoted with escapes, arrays, collections, maps and
   * QuickTheories' tuples element by element. Long output is cut.
   */
  public static String show(Object value) {
    String s = show(value, 0);
    return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "... (" + s.length() + " chars)";
  }

  private static String show(Object v, int depth) {
    if (depth > 20) {
      return "...";
    }
    if (v == null) {
      return "null";
    }
    if (v instanceof byte[] b) {
      return "bytes[" + b.length + "]:" + HexFormat.of().formatHex(b);
    }
    if (v instanceof String s) {
      return quote(s);
    }
    if (v.getClass().isArray()) {
      StringJoiner j = new StringJoiner(", ", "[", "]");
      for (int i = 0; i < Array.getLength(v); i++) {
        j.add(show(Array.get(v, i), depth + 1));
      }
      return j.toString();
    }
    if (v instanceof Collection<?> c) {
      StringJoiner j = new StringJoiner(", ", "[", "]");
      for (Object o : c) {
        j.add(show(o, depth + 1));
      }
      return j.toString();
    }
    if (v instanceof Map<?, ?> m) {
      StringJoiner j = new StringJoiner(", ", "{", "}");
      m.forEach((k, x) -> j.add(show(k, depth + 1) + "=" + show(x, depth + 1)));
      return j.toString();
    }
    if (v.getClass().getName().startsWith("org.quicktheories.api.")) {
      // Pair, Tuple3, Tuple4, Tuple5: public fields _1, _2, ...
      List<String> parts = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        try {
          Field f = v.getClass().getField("_" + i);
          parts.add(show(f.get(v), depth + 1));
        } catch (NoSuchFieldException e) {
          break;
        } catch (IllegalAccessException e) {
          return String.valueOf(v);
        }
      }
      return "(" + String.join(", ", parts) + ")";
    }
    return String.valueOf(v);
  }

  private static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    s.codePoints().forEach(cp -> {
      if (cp == '"' || cp == '\\') {
        sb.append('\\').appendCodePoint(cp);
      } else if (cp >= 0x20 && cp < 0x7f) {
        sb.appendCodePoint(cp);
      } else if (cp <= 0xffff) {
        sb.append(String.format("\\u%04x", cp));
      } else {
        sb.append(String.format("\\U%08x", cp));
      }
    });
    return sb.append('"').toString();
  }

  /** Throws an AssertionError that names the smallest counterexample, the seed and the replay. */
  private static final class Report implements Reporter {
    private final String test;

    Report(String test) {
      this.test = test;
    }

    @Override
    public void falisification(
        long seed, int count, Object smallest, Throwable cause, List<Object> examples,
        AsString<Object> toString) {
      fail(seed, count, smallest, cause, examples);
    }

    @Override
    public void falisification(
        long seed, int count, Object smallest, List<Object> examples, AsString<Object> toString) {
      fail(seed, count, smallest, null, examples);
    }

    @Override
    public void valuesExhausted(int completedExamples) {
      throw new IllegalStateException(
          test + ": gave up after only " + completedExamples + " example(s) met the assumptions");
    }

    private void fail(long seed, int count, Object smallest, Throwable cause, List<Object> examples) {
      StringBuilder m = new StringBuilder();
      m.append(test).append(": property falsified after ").append(count).append(" example(s), seed ")
          .append(seed).append('\n');
      m.append("Smallest counterexample: ").append(show(smallest)).append('\n');
      if (cause != null) {
        m.append("Failure: ").append(cause).append('\n');
      }
      int others = 0;
      for (Object e : examples) {
        if (e != smallest && others++ < 3) {
          m.append("Also failed: ").append(show(e)).append('\n');
        }
      }
      m.append("Replay: mvn test -pl <module> -Dtest=").append(test).append(" -D").append(SEED).append('=')
          .append(seed).append(" -Dsurefire.failIfNoSpecifiedTests=false");
      throw new AssertionError(m.toString(), cause);
    }
  }
}
