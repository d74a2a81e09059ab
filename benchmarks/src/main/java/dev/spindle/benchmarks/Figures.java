package dev.spindle.benchmarks;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * What one load measurement found: calls/s of each measured round, and the p50/p99 latency in
 * microseconds when calls went one at a time ({@code NaN} otherwise).
 */
record Figures(double[] rates, double p50Micros, double p99Micros) {
  Figures {
    if (rates.length == 0) {
      throw new IllegalArgumentException("rates: empty (expected: at least one round)");
    }
    rates = rates.clone();
  }

  /** Rates without latencies (the pipelined shapes). */
  static Figures ofRates(double[] rates) {
    return new Figures(rates, Double.NaN, Double.NaN);
  }

  /** Rates and the percentiles of {@code latencyNanos} (which this sorts). */
  static Figures of(double[] rates, long[] latencyNanos) {
    if (latencyNanos.length == 0) {
      return ofRates(rates);
    }
    Arrays.sort(latencyNanos);
    return new Figures(
        rates,
        latencyNanos[latencyNanos.length / 2] / 1000.0,
        latencyNanos[Math.min(latencyNanos.length - 1, (int) (latencyNanos.length * 0.99))]
            / 1000.0);
  }

  /**
   * Parses a Twisted client's line, {@code RESULT rates=r1,r2,... p50_us=x p99_us=y calls=n}
   * (written by {@code bench_support.py}).
   *
   * @throws IllegalArgumentException if the line is not one
   */
  static Figures parse(String line) {
    if (!line.startsWith("RESULT ")) {
      throw new IllegalArgumentException("line: " + line + " (expected: RESULT rates=...)");
    }
    Map<String, String> fields = new HashMap<>();
    for (String field : line.substring("RESULT ".length()).trim().split("\\s+")) {
      int eq = field.indexOf('=');
      if (eq > 0) {
        fields.put(field.substring(0, eq), field.substring(eq + 1));
      }
    }
    String rates = fields.get("rates");
    if (rates == null || rates.isEmpty()) {
      throw new IllegalArgumentException("line: " + line + " (expected: rates=r1,r2,...)");
    }
    return new Figures(
        Arrays.stream(rates.split(",")).mapToDouble(Double::parseDouble).toArray(),
        number(fields.get("p50_us")),
        number(fields.get("p99_us")));
  }

  private static double number(String s) {
    return s == null || s.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(s);
  }

  double median() {
    double[] sorted = sorted();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  double min() {
    return sorted()[0];
  }

  double max() {
    return sorted()[rates.length - 1];
  }

  boolean hasLatency() {
    return !Double.isNaN(p50Micros);
  }

  private double[] sorted() {
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    return sorted;
  }

  @Override
  public double[] rates() {
    return rates.clone();
  }

  @Override
  public String toString() {
    return "Figures" + Arrays.toString(rates) + " p50 " + p50Micros + " us, p99 " + p99Micros + " us";
  }
}
