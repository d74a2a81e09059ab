package dev.spindle.codegen;

import static dev.spindle.codegen.Compiler.assertGolden;
import static dev.spindle.codegen.Compiler.assertSucceeded;
import static dev.spindle.codegen.Compiler.compile;
import static dev.spindle.codegen.Compiler.generatedSource;
import static dev.spindle.codegen.Compiler.resource;

import com.google.testing.compile.Compilation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The stub, skeleton and copy record of a small remote interface, compared with golden files. */
class PbGoldenSourceTest {
  private static Compilation compilation;

  @BeforeAll
  static void compileGoldenSources() {
    compilation = compile(resource("golden/pb/Calculator.java"), resource("golden/pb/Point.java"));
    assertSucceeded(compilation);
  }

  @Test
  void calculatorStubMatchesGoldenFile() {
    assertGolden("golden/pb/Calculator_PbStub.java",
        generatedSource(compilation, "pb.Calculator_PbStub"));
  }

  @Test
  void pointCopyMatchesGoldenFile() {
    assertGolden("golden/pb/Point_PbCopy.java", generatedSource(compilation, "pb.Point_PbCopy"));
  }

  @Test
  void calculatorSkeletonMatchesGoldenFile() {
    assertGolden("golden/pb/Calculator_PbSkeleton.java",
        generatedSource(compilation, "pb.Calculator_PbSkeleton"));
  }
}
