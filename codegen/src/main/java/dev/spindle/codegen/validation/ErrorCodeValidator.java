package dev.spindle.codegen.validation;

import com.squareup.javapoet.ClassName;
import dev.spindle.codegen.model.DeclaredError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates the {@code errors} and {@code fatalErrors} of a {@code @Command}: codes that AMP can
 * send, each once, for exception types the generated serializer can rebuild from a description.
 */
final class ErrorCodeValidator {
  private final Elements elements;
  private final Types types;
  private final ErrorReporter reporter;
  private final Annotations annotations;
  private final Visibility visibility;

  ErrorCodeValidator(Elements elements, Types types, ErrorReporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.annotations = new Annotations(elements);
    this.visibility = new Visibility(elements);
  }

  /** Returns the valid declared errors, {@code errors} first, reporting each mistake. */
  List<DeclaredError> validate(TypeElement command, AnnotationMirror annotation, String generated) {
    PackageElement from = elements.getPackageOf(command);
    List<DeclaredError> out = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    for (String member : List.of("errors", "fatalErrors")) {
      for (Annotations.Nested nested : annotations.annotations(annotation, member)) {
        validate(command, annotation, nested, member.equals("fatalErrors"), from, generated, codes)
            .ifPresent(out::add);
      }
    }
    return out;
  }

  private Optional<DeclaredError> validate(
      TypeElement command,
      AnnotationMirror annotation,
      Annotations.Nested nested,
      boolean fatal,
      PackageElement from,
      String generated,
      Set<String> codes) {
    AnnotationValue at = nested.value();
    String code = annotations.string(nested.mirror(), "code");
    Optional<DeclaredType> type = annotations.type(nested.mirror(), "type");
    if (type.isEmpty()) {
      return Optional.empty(); // javac reports the unresolved class
    }
    TypeElement exception = (TypeElement) type.get().asElement();
    String name = exception.getQualifiedName().toString();
    int before = reporter.errorCount();
    String problem = Ascii.problem(code);
    if (problem != null) {
      String shown = code.isEmpty() || code.length() > Ascii.MAX_LENGTH ? "" : " \"" + code + "\"";
      reporter.error(command, annotation, at, "error code" + shown + " for " + name + " "
          + problem + "; AMP error codes are ASCII, 1 to 255 bytes: set @ErrorCode(code = \"...\")");
    } else if (!codes.add(code)) {
      reporter.error(command, annotation, at, "error code \"" + code + "\" is declared twice;"
          + " a caller maps each code back to one exception type: use another code for " + name);
    }
    if (!types.isSubtype(type.get(), elements.getTypeElement("java.lang.Exception").asType())) {
      reporter.error(command, annotation, at, name + " is not an Exception; a caller rebuilds"
          + " declared errors as Exceptions (CommandSpec.declaredException): declare an Exception"
          + " type instead");
    } else if (!canConstruct(exception, from)) {
      reporter.error(command, annotation, at, name + " has no public constructor taking one"
          + " String that the generated " + generated + " can call; a caller rebuilds the"
          + " exception from the error description with new " + exception.getSimpleName()
          + "(description): add one");
    }
    if (reporter.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(new DeclaredError(code, ClassName.get(exception), fatal));
  }

  private boolean canConstruct(TypeElement type, PackageElement from) {
    if (type.getKind() != ElementKind.CLASS
        || type.getModifiers().contains(Modifier.ABSTRACT)
        || !visibility.canName(type, from)
        || (type.getNestingKind() == NestingKind.MEMBER
            && !type.getModifiers().contains(Modifier.STATIC))) {
      return false;
    }
    return ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
        .anyMatch(c -> c.getModifiers().contains(Modifier.PUBLIC)
            && c.getParameters().size() == 1
            && Annotations.isClass(c.getParameters().get(0).asType(), "java.lang.String"));
  }
}
