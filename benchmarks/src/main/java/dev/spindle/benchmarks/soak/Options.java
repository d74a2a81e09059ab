package dev.spindle.benchmarks.soak;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} command-line options with defaults. */
final class Options {
  private final Map<String, String> values = new HashMap<>();

  Options(String[] args, Map<String, String> defaults) {
    values.putAll(defaults);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--") || !defaults.containsKey(a.substring(2)) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + a
            + " (options: " + defaults.keySet() + ")");
      }
      values.put(a.substring(2), args[++i]);
    }
  }

  String string(String name) {
    return values.get(name);
  }

  int integer(String name) {
    return Integer.parseInt(values.get(name));
  }

  long longValue(String name) {
    return Long.parseLong(values.get(name));
  }
}
