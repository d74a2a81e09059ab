package dev.spindle.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side table as a self-contained SVG (no scripts, no fonts or files from elsewhere):
 * per scenario one horizontal bar per pairing, calls/s on a log scale with the median written at
 * the bar's end, and below it the one-at-a-time rows' p50 and p99 latencies on a linear scale.
 * {@code SideBySide --svg FILE} writes it.
 */
final class ResultChart {
  private static final int WIDTH = 960;
  private static final int LABEL = 250;
  private static final int PLOT = 560;
  private static final int BAR = 14;
  private static final int GAP = 4;

  private ResultChart() {}

  /** One measured row. */
  private record Row(Scenario scenario, Pairing pairing, Figures figures) {}

  static String render(SideBySide.Results results, SideBySide.Options o) {
    List<Row> rows = new ArrayList<>();
    for (Scenario s : o.scenarios()) {
      for (Pairing p : o.pairings()) {
        Figures f = s.measures(p) ? results.get(s, p) : null;
        if (f != null && f.median() > 0) {
          rows.add(new Row(s, p, f));
        }
      }
    }
    double lo = 1e9;
    double hi = 1;
    double maxLatency = 1;
    for (Row r : rows) {
      lo = Math.min(lo, r.figures().median());
      hi = Math.max(hi, r.figures().median());
      if (r.figures().hasLatency()) {
        maxLatency = Math.max(maxLatency, r.figures().p99Micros());
      }
    }
    int loDecade = rows.isEmpty() ? 3 : (int) Math.floor(Math.log10(lo));
    int hiDecade = rows.isEmpty() ? 7 : Math.max(loDecade + 1, (int) Math.ceil(Math.log10(hi)));

    StringBuilder body = new StringBuilder();
    int y = 70;
    Scenario last = null;
    int chartTop = y;
    for (Row r : rows) {
      if (r.scenario() != last) {
        y += last == null ? 0 : 10;
        text(body, 10, y + 12, "start", "bold", r.scenario().title);
        y += 18;
        last = r.scenario();
      }
      double v = r.figures().median();
      double w = PLOT * (Math.log10(v) - loDecade) / (hiDecade - loDecade);
      text(body, LABEL - 8, y + BAR - 3, "end", "normal", r.pairing().label.replace("->", "→"));
      body.append(String.format(Locale.ROOT,
          "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"><title>%s</title></rect>%n",
          LABEL, y, Math.max(1, w), BAR, color(r.pairing()),
          escape(r.scenario().title + ", " + r.pairing().label + ": "
              + String.format(Locale.ROOT, "%,.0f calls/s", v))));
      String value = String.format(Locale.ROOT, "%,.0f", v);
      if (r.figures().hasLatency()) {
        value += String.format(Locale.ROOT, "  (p50 %.1f µs, p99 %.1f µs)",
            r.figures().p50Micros(), r.figures().p99Micros());
      }
      text(body, (int) (LABEL + Math.max(1, w) + 5), y + BAR - 3, "start", "normal", value);
      y += BAR + GAP;
    }
    int chartBottom = y;
    StringBuilder grid = new StringBuilder();
    for (int d = loDecade; d <= hiDecade; d++) {
      double x = LABEL + PLOT * (double) (d - loDecade) / (hiDecade - loDecade);
      grid.append(String.format(Locale.ROOT,
          "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
          x, chartTop - 4, x, chartBottom));
      text(grid, (int) x, chartTop - 8, "middle", "normal", decade(d));
    }

    // Latency panel: the one-at-a-time rows, p50 (dark) and p99 (light), linear in µs.
    StringBuilder latency = new StringBuilder();
    List<Row> seq = rows.stream().filter(r -> r.figures().hasLatency()).toList();
    if (!seq.isEmpty()) {
      y += 30;
      text(latency, 10, y, "start", "bold",
          "One-at-a-time rows: latency per call, µs (dark: p50, light: p99)");
      y += 22;
      int top = y;
      double scale = niceCeiling(maxLatency);
      last = null;
      for (Row r : seq) {
        if (r.scenario() != last) {
          text(latency, 10, y + 12, "start", "bold", r.scenario().title);
          y += 18;
          last = r.scenario();
        }
        double p50 = PLOT * r.figures().p50Micros() / scale;
        double p99 = PLOT * r.figures().p99Micros() / scale;
        text(latency, LABEL - 8, y + BAR - 3, "end", "normal",
            r.pairing().label.replace("->", "→"));
        latency.append(String.format(Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\" opacity=\"0.35\"/>%n"
                + "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
            LABEL, y, Math.max(1, p99), BAR, color(r.pairing()),
            LABEL, y, Math.max(1, p50), BAR, color(r.pairing())));
        text(latency, (int) (LABEL + Math.max(1, p99) + 5), y + BAR - 3, "start", "normal",
            String.format(Locale.ROOT, "%.1f / %.1f", r.figures().p50Micros(),
                r.figures().p99Micros()));
        y += BAR + GAP;
      }
      for (int i = 0; i <= 4; i++) {
        double x = LABEL + PLOT * i / 4.0;
        latency.append(String.format(Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
            x, top - 4, x, y));
        text(latency, (int) x, top - 8, "middle", "normal",
            String.format(Locale.ROOT, "%.0f", scale * i / 4));
      }
    }
    y += 20;

    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
            + " font-family=\"sans-serif\" font-size=\"11\">%n",
        WIDTH, y, WIDTH, y));
    svg.append(String.format(Locale.ROOT,
        "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, y));
    text(svg, 10, 20, "start", "bold", "Spindle side by side: calls/s (log scale), median of "
        + o.rounds() + " round(s) of " + o.seconds() + " s");
    text(svg, 10, 38, "start", "normal", String.format(Locale.ROOT,
        "127.0.0.1, client and server in separate processes; %d cores, %s; Java default I/O"
            + " transport: %s; load average at the end: %s",
        Runtime.getRuntime().availableProcessors(), ResultTable.cpuModel(),
        ResultTable.defaultTransport(), ResultTable.loadAverage()));
    svg.append(grid).append(body).append(latency).append("</svg>\n");
    return svg.toString();
  }

  private static String color(Pairing p) {
    return switch (p) {
      case JAVA_JAVA -> "#1f5fbf";
      case JAVA_JAVA_NIO, JAVA_JAVA_EPOLL, JAVA_JAVA_IO_URING -> "#6b9be0";
      case JAVA_TWISTED -> "#7a4fbf";
      case TWISTED_JAVA -> "#2e9e6a";
      case TWISTED_TWISTED -> "#e0862a";
      case FLOOR -> "#999999";
    };
  }

  private static String decade(int d) {
    String[] names = {"1", "10", "100", "1k", "10k", "100k", "1M", "10M", "100M", "1G"};
    return d >= 0 && d < names.length ? names[d] : "1e" + d;
  }

  /** 1, 2 or 5 times a power of ten, at least {@code v}. */
  static double niceCeiling(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static void text(StringBuilder out, int x, int y, String anchor, String weight,
      String s) {
    out.append(String.format(Locale.ROOT,
        "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\" font-weight=\"%s\">%s</text>%n",
        x, y, anchor, weight, escape(s)));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
