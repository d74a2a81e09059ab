package dev.spindle.codegen;

import static dev.spindle.codegen.Compiler.assertGolden;
import static dev.spindle.codegen.Compiler.assertSucceeded;
import static dev.spindle.codegen.Compiler.compile;
import static dev.spindle.codegen.Compiler.generatedSource;
import static dev.spindle.codegen.Compiler.resource;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The generated sources, compared with golden files in {@code src/test/resources/golden}. */
class GoldenSourceTest {
  private static Compilation compilation;

  @BeforeAll
  static void compileGoldenSources() {
    compilation = compile(
        resource("golden/Divide.java"),
        resource("golden/Sum.java"),
        resource("golden/Reset.java"),
        resource("golden/Calculator.java"),
        resource("functional/Everything.java"));
    assertSucceeded(compilation);
  }

  @Test
  void divideSerializerMatchesGoldenFile() {
    assertGolden("golden/Divide_AmpSerializer.java",
        generatedSource(compilation, "test.Divide_AmpSerializer"));
  }

  @Test
  void everythingSerializerMatchesGoldenFile() {
    assertGolden("golden/Everything_AmpSerializer.java",
        generatedSource(compilation, "test.Everything_AmpSerializer"));
  }

  @Test
  void emptyResponseSerializerMatchesGoldenFile() {
    assertGolden("golden/Reset_AmpSerializer.java",
        generatedSource(compilation, "test.Reset_AmpSerializer"));
  }

  @Test
  void calculatorLocatorMatchesGoldenFile() {
    assertGolden("golden/Calculator_AmpLocator.java",
        generatedSource(compilation, "test.Calculator_AmpLocator"));
  }
}
