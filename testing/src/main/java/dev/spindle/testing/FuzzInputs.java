package dev.spindle.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inputs a Jazzer fuzz test has accumulated: its findings (test resources {@code
 * <Class>Inputs/<method>/}, replayed by every build) and, after a local fuzzing run, the corpus
 * the fuzzer generated ({@code <module>/.cifuzz-corpus/<class>/<method>/}, not in git). Plain
 * tests replay them through checks that Jazzer's own instrumentation would distort (allocation
 * counts: its comparison hooks allocate).
 */
public final class FuzzInputs {
  private FuzzInputs() {}

  /** Is this JVM fuzzing ({@code JAZZER_FUZZ} set), with Jazzer's hooks always on? */
  public static boolean fuzzing() {
    String env = System.getenv("JAZZER_FUZZ");
    return env != null && !env.isEmpty();
  }

  /** Every finding and generated corpus entry of {@code testClass}'s fuzz test {@code method}. */
  public static List<byte[]> of(Class<?> testClass, String method) {
    List<byte[]> out = new ArrayList<>();
    URL findings = testClass.getResource(testClass.getSimpleName() + "Inputs/" + method);
    if (findings != null && "file".equals(findings.getProtocol())) {
      try {
        readAll(Path.of(findings.toURI()), out);
      } catch (URISyntaxException e) {
        throw new IllegalStateException(e);
      }
    }
    readAll(Path.of(".cifuzz-corpus", testClass.getName(), method), out);
    return out;
  }

  private static void readAll(Path dir, List<byte[]> out) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : (Iterable<Path>) files.sorted()::iterator) {
        if (Files.isRegularFile(f)) {
          out.add(Files.readAllBytes(f));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
