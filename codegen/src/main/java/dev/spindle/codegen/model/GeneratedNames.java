package dev.spindle.codegen.model;

import com.squareup.javapoet.ClassName;
import javax.lang.model.element.TypeElement;

/**
 * Names of generated classes: beside the source type, its simple names joined by {@code _} plus a
 * suffix ({@code Outer.Inner} gives {@code Outer_Inner_AmpSerializer}), matching amp-core's
 * {@code CommandSpecs.generatedName}.
 */
public final class GeneratedNames {
  private GeneratedNames() {}

  /** Returns the generated class for {@code type} with {@code suffix}. */
  public static ClassName of(TypeElement type, String suffix) {
    ClassName source = ClassName.get(type);
    return ClassName.get(
        source.packageName(), String.join("_", source.simpleNames()) + suffix);
  }
}
