package dev.spindle.codegen.model;

import com.squareup.javapoet.ClassName;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Names of generated classes: beside the source type, its simple names joined by {@code _} plus a
 * suffix ({@code Outer.Inner} gives {@code Outer_Inner_AmpSerializer}), matching amp-core's
 * {@code CommandSpecs.generatedName}.
 */
public final class GeneratedNames {
  private GeneratedNames() {}

  /**
   * Returns the generated class for {@code type} with {@code suffix}. Defined for every type, even
   * local classes (which validation rejects), so that name checks never fail.
   *
   * @param type the annotated type, possibly nested or local
   * @param suffix appended to the joined names, such as {@code _AmpSerializer}
   * @return the generated class's name, in {@code type}'s package
   */
  public static ClassName of(TypeElement type, String suffix) {
    Deque<String> names = new ArrayDeque<>();
    Element e = type;
    while (!(e instanceof PackageElement)) {
      if (e instanceof TypeElement) {
        names.addFirst(e.getSimpleName().toString());
      }
      e = e.getEnclosingElement();
    }
    return ClassName.get(
        ((PackageElement) e).getQualifiedName().toString(), String.join("_", names) + suffix);
  }
}
