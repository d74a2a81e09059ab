package dev.spindle.codegen.validation;

import dev.spindle.codegen.model.AmpNames;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.VariableElement;

/**
 * A command's naming policy for wire keys ({@code dev.spindle.amp.command.Naming}), read from
 * {@code @Command(naming = ...)} or else the package's {@code @CommandNaming}; turns Java names
 * into keys.
 */
enum WireNaming {
  AS_DECLARED,
  SNAKE_CASE,
  KEBAB_CASE;

  /** The policy of the command annotated {@code command}, declared in {@code pkg}. */
  static WireNaming of(Annotations annotations, AnnotationMirror command, PackageElement pkg) {
    String own = constant(annotations.value(command, "naming").getValue());
    if (own != null && !own.equals("PACKAGE_DEFAULT")) {
      return valueOf(own);
    }
    Optional<AnnotationMirror> packageNaming = Annotations.find(pkg, AmpNames.COMMAND_NAMING);
    if (packageNaming.isPresent()) {
      String value = constant(annotations.value(packageNaming.get(), "value").getValue());
      if (value != null && !value.equals("PACKAGE_DEFAULT")) {
        return valueOf(value);
      }
    }
    return AS_DECLARED;
  }

  private static String constant(Object value) {
    return value instanceof VariableElement v ? v.getSimpleName().toString() : null;
  }

  /** The wire key of the Java name {@code javaName} under this policy. */
  String key(String javaName) {
    switch (this) {
      case SNAKE_CASE:
        return words(javaName, '_');
      case KEBAB_CASE:
        return words(javaName, '-');
      default:
        return javaName;
    }
  }

  /**
   * Splits a camel-case name into lower-case words joined by {@code separator}: a word starts at
   * an upper-case letter after a lower-case letter or digit, and at the last upper-case letter of
   * a run followed by a lower-case one ({@code HTTPPort}: {@code http}, {@code port}).
   */
  static String words(String name, char separator) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0) {
        char before = name.charAt(i - 1);
        boolean after = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
        if (Character.isLowerCase(before) || Character.isDigit(before)
            || Character.isUpperCase(before) && after) {
          out.append(separator);
        }
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }
}
