package dev.spindle.codegen.validation;

import com.squareup.javapoet.TypeName;
import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.Field;
import dev.spindle.codegen.model.ValueType;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates one argument (a record component or an {@code @Argument} field): its wire name, its
 * {@code optional} flag and its type, built-in or named with {@code @Argument(type = ...)}.
 */
final class FieldValidator {
  private final Types types;
  private final ErrorReporter reporter;
  private final Annotations annotations;
  private final ValueTypeResolver resolver = new ValueTypeResolver();
  private final CustomTypeValidator customTypes;

  FieldValidator(Elements elements, Types types, ErrorReporter reporter) {
    this.types = types;
    this.reporter = reporter;
    this.annotations = new Annotations(elements);
    this.customTypes = new CustomTypeValidator(elements, types, reporter);
  }

  /**
   * Returns the field, or empty after reporting its mistakes on {@code element}, which carries its
   * {@code @Argument}.
   */
  Optional<Field> validate(
      Element element,
      TypeMirror type,
      String javaName,
      Field.Accessor accessor,
      WireNaming naming,
      PackageElement from,
      String generated) {
    Optional<AnnotationMirror> argument = Annotations.find(element, AmpNames.ARGUMENT);
    String wireName = naming.key(javaName);
    boolean optional = false;
    Optional<DeclaredType> custom = Optional.empty();
    if (argument.isPresent()) {
      AnnotationMirror mirror = argument.get();
      String given = annotations.string(mirror, "name");
      wireName = given.isEmpty() ? wireName : given;
      optional = annotations.bool(mirror, "optional");
      custom = annotations.type(mirror, "type")
          .filter(t -> !Annotations.isClass(t, AmpNames.ARGUMENT_TYPE));
    }
    int before = reporter.errorCount();
    checkWireName(element, argument, javaName, wireName);
    if (optional && type.getKind().isPrimitive()) {
      reporter.error(element, argument.get(), "argument " + javaName + " is optional but has"
          + " primitive type " + type + ", which cannot be null: use " + types.boxedClass(
              types.getPrimitiveType(type.getKind())).getSimpleName() + " or make it required");
    }
    ValueType valueType = null;
    if (custom.isPresent()) {
      valueType = customTypes.validate(element, argument.get(), javaName, type, custom.get(), from,
          generated);
    } else {
      try {
        valueType = resolver.resolve(type);
      } catch (ValueTypeResolver.UnsupportedTypeException e) {
        reporter.error(element, "argument " + javaName + " " + e.getMessage());
      }
    }
    if (reporter.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(
        new Field(javaName, wireName, TypeName.get(type), valueType, optional, accessor));
  }

  private void checkWireName(
      Element element, Optional<AnnotationMirror> argument, String javaName, String wireName) {
    String problem = Ascii.problem(wireName);
    String fix = argument.isPresent() && !annotations.string(argument.get(), "name").isEmpty()
        ? "change @Argument(name = ...)"
        : "set @Argument(name = \"...\")";
    if (problem != null) {
      String shown = wireName.length() > Ascii.MAX_LENGTH ? "" : " \"" + wireName + "\"";
      report(element, argument, "wire name" + shown + " of argument " + javaName + " " + problem
          + "; AMP keys are ASCII, 1 to 255 bytes: " + fix);
    } else if (wireName.startsWith("_")) {
      report(element, argument, "wire name \"" + wireName + "\" of argument " + javaName
          + " starts with '_', which AMP reserves for protocol keys such as _ask and _command: "
          + fix + " to a name without a leading '_'");
    }
  }

  private void report(Element element, Optional<AnnotationMirror> argument, String message) {
    Optional<AnnotationValue> name =
        argument.flatMap(a -> Annotations.explicitValue(a, "name"));
    if (name.isPresent()) {
      reporter.error(element, argument.get(), name.get(), message);
    } else {
      reporter.error(element, message);
    }
  }
}
