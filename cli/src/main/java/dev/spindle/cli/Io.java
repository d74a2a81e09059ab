package dev.spindle.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a command may touch: results go to {@code out}, progress and errors to {@code err}; {@code
 * in} is standard input, {@code env} the environment, {@code terminal} the console (null if there
 * is none). Tests pass their own.
 */
record Io(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Terminal terminal) {
  Io {
    in = in == null ? InputStream.nullInputStream() : in;
    env = env == null ? Map.of() : env;
  }
}
