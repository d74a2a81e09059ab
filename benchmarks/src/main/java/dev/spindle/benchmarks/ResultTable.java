package dev.spindle.benchmarks;

import dev.spindle.transport.IoTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The side-by-side table: one row per scenario and pairing with the median calls/s and the
 * min-max of the rounds, p50/p99 latency (one-at-a-time rows), MB/s of payload each way (echo
 * rows), each Spindle row's median as a ratio to Twisted -> Twisted's and to the floor's, and the
 * bytes the Java server allocated per call. As aligned text, or as markdown ({@code --markdown}).
 */
final class ResultTable {
  private static final String[] HEADER = {
    "Scenario", "Client -> server", "calls/s", "min - max", "p50 us", "p99 us", "MB/s each way",
    "vs Twisted", "vs floor", "server B/call"
  };

  private ResultTable() {}

  /** The table, with a few lines about the run above it and a legend below. */
  static String render(SideBySide.Results results, SideBySide.Options o) {
    StringBuilder out = new StringBuilder();
    String note = String.format(Locale.ROOT,
        "Median of %d round(s) of %.1f s after %.1f s of warm-up per row; 127.0.0.1, client and"
            + " server in separate processes; Java: %d event-loop thread(s) per side (scaling"
            + " rows: as titled), default I/O transport %s, %s %s;"
            + " Twisted: our scripts on %s; %d cores, %s; load average at the end %s.",
        o.rounds(), o.seconds(), o.warmup(), o.serverThreads(), defaultTransport(),
        System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
        o.python(), Runtime.getRuntime().availableProcessors(), cpuModel(), loadAverage());
    List<String[]> rows = rows(results, o);
    if (o.markdown()) {
      out.append(note).append("\n\n");
      markdown(out, rows);
    } else {
      out.append(note).append("\n\n");
      text(out, rows);
    }
    out.append('\n')
        .append("vs Twisted: the row's median calls/s over Twisted -> Twisted's; vs floor: over the"
            + " raw socket floor's (plain Java sockets, same bytes per call); server B/call: bytes"
            + " the Java server's event loop allocated per call over the row, warm-up included.\n");
    return out.toString();
  }

  private static List<String[]> rows(SideBySide.Results results, SideBySide.Options o) {
    List<String[]> rows = new ArrayList<>();
    for (Scenario s : o.scenarios()) {
      Figures twisted = results.get(s, Pairing.TWISTED_TWISTED);
      Figures floor = results.get(s, Pairing.FLOOR);
      for (Pairing p : o.pairings()) {
        if (!s.measures(p)) {
          continue;
        }
        Figures f = results.get(s, p);
        if (f == null) {
          String why = results.failure(s, p);
          rows.add(new String[] {
            s.title, p.label, "failed", why == null ? "" : shorten(why), "", "", "", "", "", ""
          });
          continue;
        }
        rows.add(new String[] {
          s.title,
          p.label,
          String.format(Locale.ROOT, "%,.0f", f.median()),
          String.format(Locale.ROOT, "%,.0f - %,.0f", f.min(), f.max()),
          f.hasLatency() ? String.format(Locale.ROOT, "%.1f", f.p50Micros()) : "",
          f.hasLatency() ? String.format(Locale.ROOT, "%.1f", f.p99Micros()) : "",
          s.payload > 0 ? String.format(Locale.ROOT, "%,.1f", f.median() * s.payload / 1e6) : "",
          p.spindle() ? ratio(f, twisted) : "",
          p != Pairing.FLOOR ? ratio(f, floor) : "",
          Double.isNaN(results.serverBytesPerCall(s, p))
              ? ""
              : String.format(Locale.ROOT, "%,.0f", results.serverBytesPerCall(s, p)),
        });
      }
    }
    return rows;
  }

  private static String ratio(Figures f, Figures base) {
    if (base == null) {
      return "";
    }
    double r = f.median() / base.median();
    String fmt = r >= 100 ? "%.0fx" : r >= 0.095 ? "%.2fx" : r >= 0.00095 ? "%.3fx" : "%.1ex";
    return String.format(Locale.ROOT, fmt, r);
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }

  private static void markdown(StringBuilder out, List<String[]> rows) {
    String header = String.join(" | ", HEADER).replace(" us", " µs").replace("->", "→");
    out.append("| ").append(header).append(" |\n");
    out.append("|---|---|");
    out.append("--:|".repeat(HEADER.length - 2)).append('\n');
    String last = null;
    for (String[] r : rows) {
      String[] cells = r.clone();
      if (cells[0].equals(last)) {
        cells[0] = "";
      } else {
        last = cells[0];
      }
      out.append("| ").append(String.join(" | ", cells).replace("->", "→")).append(" |\n");
    }
  }

  private static void text(StringBuilder out, List<String[]> rows) {
    int[] widths = new int[HEADER.length];
    for (int i = 0; i < HEADER.length; i++) {
      widths[i] = HEADER[i].length();
      for (String[] r : rows) {
        widths[i] = Math.max(widths[i], r[i].length());
      }
    }
    line(out, HEADER, widths);
    String last = null;
    for (String[] r : rows) {
      String[] cells = r.clone();
      if (cells[0].equals(last)) {
        cells[0] = "";
      } else {
        if (last != null) {
          out.append('\n');
        }
        last = cells[0];
      }
      line(out, cells, widths);
    }
  }

  private static void line(StringBuilder out, String[] cells, int[] widths) {
    StringBuilder l = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String fmt = i < 2 ? "%-" + widths[i] + "s" : "%" + widths[i] + "s";
      l.append(String.format(Locale.ROOT, fmt, cells[i])).append(i + 1 < cells.length ? "  " : "");
    }
    out.append(l.toString().stripTrailing()).append('\n');
  }

  /** The transport Java -> Java runs on: what {@code IoTransport.AUTO} resolves to here. */
  static String defaultTransport() {
    return IoTransport.AUTO.resolve().name().toLowerCase(Locale.ROOT);
  }

  /**
   * The 1-minute load average (from the OS), which says whether the run's throughput figures
   * mean anything: on a machine busy with other work they do not.
   */
  static String loadAverage() {
    double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage();
    return load < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f", load);
  }

  /** The CPU model from /proc/cpuinfo, or "unknown CPU". */
  static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux
    }
    return "unknown CPU";
  }
}
