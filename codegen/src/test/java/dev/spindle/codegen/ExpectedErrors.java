package dev.spindle.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Asserts that a compilation failed with exactly the expected errors, on the expected lines. */
final class ExpectedErrors {
  private ExpectedErrors() {}

  /** An error whose line is the one line of the source containing {@code lineContaining}. */
  record Expected(String lineContaining, String message) {}

  static Expected error(String lineContaining, String message) {
    return new Expected(lineContaining, message);
  }

  /** Asserts that compiling {@code source} gave exactly {@code expected} and no other errors. */
  static void assertErrors(Compilation compilation, JavaFileObject source, Expected... expected) {
    List<String> lines = lines(source);
    List<String> want = new ArrayList<>();
    for (Expected e : expected) {
      want.add(describe(source, lineOf(lines, e.lineContaining()), e.message()));
    }
    List<String> got = compilation.errors().stream()
        .map(d -> describe(d.getSource(), d.getLineNumber(), d.getMessage(Locale.ROOT)))
        .collect(Collectors.toList());
    assertEquals(sorted(want), sorted(got), "errors");
  }

  private static String describe(JavaFileObject file, long line, String message) {
    String name = file == null ? "<no file>" : file.getName();
    return name.substring(name.lastIndexOf('/') + 1) + ":" + line + ": " + message;
  }

  private static int lineOf(List<String> lines, String fragment) {
    int found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(fragment)) {
        if (found >= 0) {
          throw new IllegalArgumentException("more than one line contains " + fragment);
        }
        found = i + 1;
      }
    }
    if (found < 0) {
      throw new IllegalArgumentException("no line contains " + fragment);
    }
    return found;
  }

  private static List<String> lines(JavaFileObject source) {
    try {
      return source.getCharContent(false).toString().lines().collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> sorted(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    copy.sort(null);
    return copy;
  }

  /** Diagnostics as text, for failure messages. */
  static String describe(Compilation compilation) {
    return compilation.diagnostics().stream()
        .map(Diagnostic::toString)
        .collect(Collectors.joining("\n"));
  }
}
