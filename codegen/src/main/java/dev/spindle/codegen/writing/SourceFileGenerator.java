package dev.spindle.codegen.writing;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.TypeSpec;
import dev.spindle.codegen.validation.ErrorReporter;
import java.io.IOException;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;

/**
 * Writes one source file per model. Every generated type is annotated {@code @Generated} naming
 * the processor, and records its originating element for incremental builds.
 *
 * @param <T> the model
 */
public abstract class SourceFileGenerator<T> {
  /** The value of {@code @Generated} on every generated type. */
  static final String PROCESSOR = "dev.spindle.codegen.CommandProcessor";

  private static final ClassName GENERATED =
      ClassName.get("javax.annotation.processing", "Generated");

  private final Filer filer;
  private final ErrorReporter reporter;

  SourceFileGenerator(Filer filer, ErrorReporter reporter) {
    this.filer = filer;
    this.reporter = reporter;
  }

  /**
   * Writes the source file of {@code model}; a failure is reported on its element.
   *
   * @param model a validated model; its element is the generated file's originating element
   */
  public final void generate(T model) {
    ClassName name = className(model);
    Element origin = originatingElement(model);
    TypeSpec type = write(model)
        .addAnnotation(AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build())
        .addOriginatingElement(origin)
        .build();
    JavaFile.Builder builder = JavaFile.builder(name.packageName(), type)
        .skipJavaLangImports(true);
    addStaticImports(model, builder);
    JavaFile file = builder.build();
    try {
      file.writeTo(filer);
    } catch (IOException e) {
      reporter.error(origin, "could not write " + name + ": " + e.getMessage());
    }
  }

  /** The generated class. */
  abstract ClassName className(T model);

  /** The element the generated class comes from. */
  abstract Element originatingElement(T model);

  /** Adds the static imports the file uses; JavaPoet writes every one it is given. */
  void addStaticImports(T model, JavaFile.Builder file) {}

  /** The generated class, without {@code @Generated}. */
  abstract TypeSpec.Builder write(T model);
}
