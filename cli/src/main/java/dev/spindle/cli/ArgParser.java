package dev.spindle.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small command-line parser: options ({@code --name}, {@code --name VALUE}, {@code
 * --name=VALUE}) may appear anywhere, everything else is positional, in order; {@code --} ends the
 * options. Only words starting with {@code --}, and {@code -h}, are options, so {@code -5} and
 * {@code -} are positional. Every command accepts {@code --help} / {@code -h}.
 */
final class ArgParser {
  private final Map<String, Boolean> takesValue = new LinkedHashMap<>();

  ArgParser() {
    takesValue.put("help", false);
  }

  /** Declares {@code --name} without a value. */
  ArgParser flag(String name) {
    takesValue.put(name, false);
    return this;
  }

  /** Declares {@code --name VALUE}; it may be repeated. */
  ArgParser option(String name) {
    takesValue.put(name, true);
    return this;
  }

  /**
   * Parses {@code args}.
   *
   * @throws CliException (usage) for an unknown option or a missing value
   */
  Parsed parse(List<String> args) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> positional = new ArrayList<>();
    boolean optionsEnded = false;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (optionsEnded || !(a.startsWith("--") || a.equals("-h"))) {
        positional.add(a);
        continue;
      }
      if (a.equals("--")) {
        optionsEnded = true;
        continue;
      }
      String name = a.equals("-h") ? "help" : a.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      Boolean wantsValue = takesValue.get(name);
      if (wantsValue == null) {
        throw CliException.usage("unknown option --" + name);
      }
      if (wantsValue && value == null) {
        if (i + 1 == args.size()) {
          throw CliException.usage("--" + name + ": missing value");
        }
        value = args.get(++i);
      } else if (!wantsValue && value != null) {
        throw CliException.usage("--" + name + " takes no value");
      }
      values.computeIfAbsent(name, k -> new ArrayList<>()).add(wantsValue ? value : "");
    }
    return new Parsed(values, positional);
  }

  /** The result: option values by name (without dashes), and the positional arguments. */
  record Parsed(Map<String, List<String>> options, List<String> positional) {
    /** True if {@code --name} was given. */
    boolean has(String name) {
      return options.containsKey(name);
    }

    /** The last value of {@code --name}, or null. */
    String value(String name) {
      List<String> v = options.get(name);
      return v == null ? null : v.get(v.size() - 1);
    }

    /** Every value of {@code --name}, in order. */
    List<String> values(String name) {
      return options.getOrDefault(name, List.of());
    }
  }
}
