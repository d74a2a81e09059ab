package dev.spindle.codegen.validation;

import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * The rules every type that generated code constructs must follow (commands, responses, {@code
 * AmpList} rows): a named, non-generic, concrete record or static class that the generated class
 * can see.
 */
final class TypeRules {
  private final Visibility visibility;
  private final ErrorReporter reporter;

  TypeRules(Visibility visibility, ErrorReporter reporter) {
    this.visibility = visibility;
    this.reporter = reporter;
  }

  /**
   * Reports each rule {@code type} breaks, on {@code type}; {@code role} names it ("AmpList row
   * type") and {@code generated} is the simple name of the class that constructs it.
   */
  void checkConstructible(TypeElement type, PackageElement from, String role, String generated) {
    String name = type.getQualifiedName().toString();
    if (type.getKind() != ElementKind.RECORD && type.getKind() != ElementKind.CLASS) {
      return; // the caller reports the kind
    }
    if (type.getNestingKind() != NestingKind.TOP_LEVEL
        && type.getNestingKind() != NestingKind.MEMBER) {
      reporter.error(type, role + " " + type.getSimpleName() + " is a local class; the generated "
          + generated + " cannot name it: make it a top-level or member class");
      return;
    }
    if (!visibility.canName(type, from)) {
      reporter.error(type, role + " " + name + " is not visible from package "
          + from.getQualifiedName() + ", where the generated " + generated
          + " constructs it: make it (and the classes around it) public, or package-private in "
          + "that package");
    }
    if (type.getKind() == ElementKind.CLASS) {
      if (type.getModifiers().contains(Modifier.ABSTRACT)) {
        reporter.error(type, role + " " + name + " is abstract; the generated " + generated
            + " constructs it: make it concrete");
      }
      if (type.getNestingKind() == NestingKind.MEMBER
          && !type.getModifiers().contains(Modifier.STATIC)
          && isClass(type.getEnclosingElement())) {
        reporter.error(type, role + " " + name + " is an inner class; the generated " + generated
            + " constructs it without an outer instance: make it static");
      }
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(type, role + " " + name + " has type parameters; AMP types are fixed per "
          + "command: remove them");
    }
  }

  private static boolean isClass(Element e) {
    return e.getKind() == ElementKind.CLASS || e.getKind() == ElementKind.ENUM
        || e.getKind() == ElementKind.RECORD;
  }
}
