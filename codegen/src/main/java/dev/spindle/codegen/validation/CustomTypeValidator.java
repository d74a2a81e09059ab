package dev.spindle.codegen.validation;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.ValueType;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates a user {@code ArgumentType} named by {@code @Argument(type = ...)}: it converts the
 * argument's type, and the generated serializer can create it with {@code new}.
 */
final class CustomTypeValidator {
  private final Types types;
  private final ErrorReporter reporter;
  private final Visibility visibility;

  CustomTypeValidator(Elements elements, Types types, ErrorReporter reporter) {
    this.types = types;
    this.reporter = reporter;
    this.visibility = new Visibility(elements);
  }

  /** Returns the value type, or null after reporting the mistakes on {@code element}. */
  ValueType validate(
      Element element,
      AnnotationMirror argument,
      String javaName,
      TypeMirror fieldType,
      DeclaredType custom,
      PackageElement from,
      String generated) {
    TypeElement customElement = (TypeElement) custom.asElement();
    String prefix = "@Argument(type = " + customElement.getSimpleName() + ".class) on argument "
        + javaName + ": ";
    AnnotationValue value = Annotations.explicitValue(argument, "type").orElse(null);
    TypeMirror expected = fieldType.getKind().isPrimitive()
        ? types.boxedClass(types.getPrimitiveType(fieldType.getKind())).asType()
        : fieldType;
    Optional<TypeMirror> handled = argumentTypeArgument(custom);
    boolean ok = true;
    if (handled.isEmpty() || !types.isSameType(handled.get(), expected)) {
      reporter.error(element, argument, value, prefix + customElement.getQualifiedName()
          + " must implement ArgumentType<" + expected + ">, the argument's type");
      ok = false;
    }
    boolean constructible = customElement.getKind() == ElementKind.CLASS
        && !customElement.getModifiers().contains(Modifier.ABSTRACT)
        && visibility.canName(customElement, from)
        && (customElement.getNestingKind() != NestingKind.MEMBER
            || customElement.getModifiers().contains(Modifier.STATIC))
        && ElementFilter.constructorsIn(customElement.getEnclosedElements()).stream()
            .anyMatch(c -> c.getParameters().isEmpty()
                && c.getModifiers().contains(Modifier.PUBLIC));
    if (!constructible) {
      reporter.error(element, argument, value, prefix + customElement.getQualifiedName()
          + " needs a public no-argument constructor, and must be a concrete static class that"
          + " the generated " + generated + " can see: it creates one instance");
      ok = false;
    }
    return ok
        ? new ValueType.Custom(ClassName.get(customElement), TypeName.get(expected))
        : null;
  }

  /** Returns {@code T} of the {@code ArgumentType<T>} that {@code type} implements. */
  private Optional<TypeMirror> argumentTypeArgument(TypeMirror type) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (Annotations.isClass(supertype, AmpNames.ARGUMENT_TYPE)) {
        List<? extends TypeMirror> args = ((DeclaredType) supertype).getTypeArguments();
        return args.size() == 1 && args.get(0).getKind() != TypeKind.WILDCARD
            ? Optional.of(args.get(0))
            : Optional.empty();
      }
      Optional<TypeMirror> found = argumentTypeArgument(supertype);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
