package dev.spindle.codegen;

import static dev.spindle.codegen.Compiler.assertSucceeded;
import static dev.spindle.codegen.Compiler.source;
import static dev.spindle.codegen.ExpectedErrors.assertErrors;
import static dev.spindle.codegen.ExpectedErrors.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** How the processor behaves across rounds and with other processors and broken sources. */
class ProcessingRoundsTest {
  @Test
  void typesGeneratedByAnotherProcessorAreWaitedFor() {
    JavaFileObject source = source("test.Report", """
        package test;

        import dev.spindle.amp.command.*;
        import java.util.List;

        @Command
        public record Report(List<GeneratedRow> rows) implements Request<Void> {}
        """);
    RecordingProcessor processor = new RecordingProcessor();
    Compilation compilation = com.google.testing.compile.Compiler.javac()
        .withProcessors(new RowGenerator(), processor)
        .compile(source);
    assertSucceeded(compilation);
    assertEquals(List.of("test.Report_AmpSerializer"), processor.created());
  }

  @Test
  void typesThatNeverResolveAreReported() {
    JavaFileObject source = source("test.Report", """
        package test;

        import dev.spindle.amp.command.*;

        @Command
        public record Report(
            Missing thing) implements Request<Void> {}
        """);
    Compilation compilation = Compiler.compile(source);
    List<String> errors = compilation.errors().stream()
        .map(d -> d.getLineNumber() + ": " + d.getMessage(Locale.ROOT))
        .collect(Collectors.toList());
    assertTrue(errors.contains("6: spindle-codegen could not process test.Report because some of"
        + " the types it uses never resolved: fix the missing types"), errors::toString);
    assertTrue(errors.stream().anyMatch(e -> e.startsWith("7: cannot find symbol")),
        errors::toString);
  }

  @Test
  void aLocatorForAnInvalidCommandIsNotGenerated() {
    JavaFileObject source = source("test.Broken", """
        package test;

        import dev.spindle.amp.command.*;

        public class Broken {
          @Command
          public record Bad(
              Object what) implements Request<Void> {}

          @Responder
          void bad(Bad request) {}
        }
        """);
    Compiler.Compiled compiled = Compiler.compileRecording(source);
    assertErrors(compiled.compilation(), source, error("Object what",
        "argument what has unsupported type java.lang.Object; " + ValueTypeNames.SUPPORTED));
    assertEquals(List.of(), compiled.generated());
  }

  /** Generates {@code test.GeneratedRow}, a row record, in the first round. */
  private static final class RowGenerator extends AbstractProcessor {
    private boolean done;

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (done) {
        return false;
      }
      done = true;
      try (Writer w = processingEnv.getFiler().createSourceFile("test.GeneratedRow").openWriter()) {
        w.write("package test;\n\npublic record GeneratedRow(long id) {}\n");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return false;
    }
  }
}
