package dev.spindle.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Runs the real entry point in-process, with captured standard output and error. */
final class Cli {
  private Cli() {}

  /** What a run printed and returned. */
  record Result(int exit, String out, String err) {
    /** Standard output's lines. */
    List<String> lines() {
      if (out.isEmpty()) {
        return List.of();
      }
      return List.of((out.endsWith("\n") ? out.substring(0, out.length() - 1) : out).split("\n", -1));
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /** Runs {@code args} with no environment, empty standard input and no terminal. */
  static Result run(String... args) {
    return run(Map.of(), new byte[0], null, args);
  }

  /** Runs {@code args} with the given environment, standard input and terminal (or null). */
  static Result run(Map<String, String> env, byte[] stdin, Terminal terminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      exit = Spindle.run(args, o, e, new ByteArrayInputStream(stdin), env, terminal);
    }
    return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code args} with {@code stdin} as standard input. */
  static Result withStdin(String stdin, String... args) {
    return run(Map.of(), stdin.getBytes(StandardCharsets.UTF_8), null, args);
  }
}
