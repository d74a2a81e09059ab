package dev.spindle.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/** Runs javac with the processor over test sources, and reads what it generated. */
final class Compiler {
  private Compiler() {}

  /** Compiles {@code sources} with {@link CommandProcessor}. */
  static Compilation compile(JavaFileObject... sources) {
    return compileRecording(sources).compilation();
  }

  /** Compiles {@code sources}, recording the names of the generated sources even on failure. */
  static Compiled compileRecording(JavaFileObject... sources) {
    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation = com.google.testing.compile.Compiler.javac()
        .withProcessors(processor)
        // Generated code must compile without warnings. Tests put several top-level classes in
        // one file, which the auxiliaryclass lint flags wherever generated code names them.
        .withOptions("-Xlint:all,-processing,-auxiliaryclass", "-Werror")
        .compile(sources);
    return new Compiled(compilation, processor.created());
  }

  /** A compilation and the qualified names of the sources the processor generated. */
  record Compiled(Compilation compilation, List<String> generated) {}

  /** A source file from the test resources, e.g. {@code golden/Divide.java}. */
  static JavaFileObject resource(String path) {
    return JavaFileObjects.forResource(path);
  }

  /** A source file {@code test/<Name>.java} from text. */
  static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }

  /** The text of the generated source {@code qualifiedName}. */
  static String generatedSource(Compilation compilation, String qualifiedName) {
    String path = qualifiedName.replace('.', '/') + ".java";
    JavaFileObject file = compilation.generatedSourceFiles().stream()
        .filter(f -> f.toUri().getPath().endsWith("/" + path))
        .findFirst()
        .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName));
    try {
      return file.getCharContent(false).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fails with every diagnostic unless {@code compilation} succeeded. */
  static void assertSucceeded(Compilation compilation) {
    if (compilation.status() != Compilation.Status.SUCCESS) {
      fail("compilation failed:\n" + compilation.diagnostics().stream()
          .map(Diagnostic::toString)
          .collect(Collectors.joining("\n")));
    }
  }

  /**
   * Compares {@code actual} with the golden file {@code src/test/resources/<path>}; with {@code
   * -Dspindle.updateGolden=true} rewrites the file instead.
   */
  static void assertGolden(String path, String actual) {
    Path file = Path.of("src/test/resources", path);
    try {
      if (Boolean.getBoolean("spindle.updateGolden")) {
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        return;
      }
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), actual, path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
