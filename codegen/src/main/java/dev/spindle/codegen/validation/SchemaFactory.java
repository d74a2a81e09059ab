package dev.spindle.codegen.validation;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.Field;
import dev.spindle.codegen.model.Schema;
import dev.spindle.codegen.model.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Builds the {@link Schema} of a record or a class with {@code @Argument} fields, reporting each
 * mistake once: a type used by several commands is validated once per package that uses it. The
 * {@code AmpList} row types a schema uses are validated too; {@link #lookup} tells whether they
 * were valid.
 */
final class SchemaFactory {
  private final Elements elements;
  private final Types types;
  private final ErrorReporter reporter;
  private final Annotations annotations;
  private final Visibility visibility;
  private final TypeRules typeRules;
  private final ValueTypeResolver resolver = new ValueTypeResolver();
  private final Map<String, Optional<Schema>> done = new HashMap<>();

  SchemaFactory(Elements elements, Types types, ErrorReporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.annotations = new Annotations(elements);
    this.visibility = new Visibility(elements);
    this.typeRules = new TypeRules(visibility, reporter);
  }

  /**
   * Returns the schema of {@code type} as the generated class {@code generated} in package {@code
   * from} uses it, or empty if {@code type} itself has a mistake (reported). Mistakes in the row
   * types it uses are reported too but do not make this empty; see {@link #lookup}.
   *
   * @param role what the type is, for messages: "@Command type", "response type", ...
   */
  Optional<Schema> schema(TypeElement type, PackageElement from, String role, String generated) {
    String key = key(type, from);
    Optional<Schema> known = done.get(key);
    if (known != null) {
      return known;
    }
    int before = reporter.errorCount();
    typeRules.checkConstructible(type, from, role, generated);
    List<Field> fields =
        type.getKind() == ElementKind.RECORD
            ? recordFields(type, from, generated)
            : classFields(type, from, generated);
    Optional<Schema> schema =
        reporter.errorCount() == before
            ? Optional.of(new Schema(ClassName.get(type), displayName(type), fields))
            : Optional.empty();
    done.put(key, schema); // before the rows, which may use this type again
    for (Field field : fields) {
      if (field.valueType() instanceof ValueType.AmpList list) {
        TypeElement row = elements.getTypeElement(list.row().canonicalName());
        schema(row, from, "AmpList row type", generated);
      }
    }
    return schema;
  }

  /** Returns the schema built for {@code type} as seen from {@code from}, empty if invalid. */
  Optional<Schema> lookup(ClassName type, PackageElement from) {
    Optional<Schema> schema = done.get(from.getQualifiedName() + " " + type.canonicalName());
    return schema == null ? Optional.empty() : schema;
  }

  private static String key(TypeElement type, PackageElement from) {
    String name = type.getQualifiedName().toString();
    if (name.isEmpty()) {
      name = "local " + System.identityHashCode(type); // local classes have no qualified name
    }
    return from.getQualifiedName() + " " + name;
  }

  private static String displayName(TypeElement type) {
    return String.join(".", ClassName.get(type).simpleNames());
  }

  private List<Field> recordFields(TypeElement type, PackageElement from, String generated) {
    List<Field> fields = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      String name = component.getSimpleName().toString();
      Element element = backingField(type, component);
      field(element, component.asType(), name, new Field.Accessor(name, true), from, generated)
          .ifPresent(f -> addUnique(fields, f, element));
    }
    return fields;
  }

  /**
   * Returns the private field of a record component, which carries its {@code @Argument} and,
   * unlike the component in javac 17, a source position for errors.
   */
  private static Element backingField(TypeElement record, RecordComponentElement component) {
    for (VariableElement field : ElementFilter.fieldsIn(record.getEnclosedElements())) {
      if (field.getSimpleName().equals(component.getSimpleName())
          && !field.getModifiers().contains(Modifier.STATIC)) {
        return field;
      }
    }
    return component;
  }

  private List<Field> classFields(TypeElement type, PackageElement from, String generated) {
    List<Field> fields = new ArrayList<>();
    List<TypeMirror> fieldTypes = new ArrayList<>();
    for (VariableElement variable : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      if (!Annotations.has(variable, AmpNames.ARGUMENT)) {
        continue;
      }
      String name = variable.getSimpleName().toString();
      if (variable.getModifiers().contains(Modifier.STATIC)) {
        reporter.error(variable, "@Argument field " + name + " is static; arguments are instance"
            + " fields, read from each command: remove static or the annotation");
        continue;
      }
      fieldTypes.add(variable.asType());
      Optional<Field.Accessor> accessor = accessor(type, variable, from);
      if (accessor.isEmpty()) {
        reporter.error(variable, "@Argument field " + name + " cannot be read by the generated "
            + generated + ": make it non-private or add a non-private " + name + "() or "
            + getterName(variable) + "() method");
        continue;
      }
      field(variable, variable.asType(), name, accessor.get(), from, generated)
          .ifPresent(f -> addUnique(fields, f, variable));
    }
    if (!hasConstructor(type, fieldTypes, from)) {
      reporter.error(type, type.getQualifiedName() + " has no constructor that the generated "
          + generated + " can call with its @Argument fields in declaration order ("
          + fieldTypes.stream().map(TypeMirror::toString).collect(Collectors.joining(", "))
          + "): add a non-private one");
    }
    return fields;
  }

  private Optional<Field> field(
      Element element,
      TypeMirror type,
      String javaName,
      Field.Accessor accessor,
      PackageElement from,
      String generated) {
    Optional<AnnotationMirror> argument = Annotations.find(element, AmpNames.ARGUMENT);
    String wireName = javaName;
    boolean optional = false;
    Optional<DeclaredType> custom = Optional.empty();
    if (argument.isPresent()) {
      AnnotationMirror mirror = argument.get();
      String given = annotations.string(mirror, "name");
      wireName = given.isEmpty() ? javaName : given;
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
      valueType = customType(element, argument.get(), javaName, type, custom.get(), from,
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

  private void addUnique(List<Field> fields, Field field, Element element) {
    for (Field other : fields) {
      if (other.wireName().equals(field.wireName())) {
        reporter.error(element, "wire name \"" + field.wireName() + "\" of argument "
            + field.javaName() + " is already the name of argument " + other.javaName()
            + "; keys are unique within a box: change one with @Argument(name = \"...\")");
        return;
      }
    }
    fields.add(field);
  }

  private ValueType customType(
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
        && (customElement.getNestingKind() != javax.lang.model.element.NestingKind.MEMBER
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

  private Optional<Field.Accessor> accessor(
      TypeElement type, VariableElement field, PackageElement from) {
    String name = field.getSimpleName().toString();
    List<String> candidates = new ArrayList<>(List.of(name, getterName(field)));
    if (isBoolean(field.asType())) {
      candidates.add("is" + capitalized(name));
    }
    for (String candidate : candidates) {
      for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
        if (method.getSimpleName().contentEquals(candidate)
            && method.getParameters().isEmpty()
            && !method.getModifiers().contains(Modifier.STATIC)
            && visibility.canUse(method, from)
            && types.isSameType(method.getReturnType(), field.asType())) {
          return Optional.of(new Field.Accessor(candidate, true));
        }
      }
    }
    if (visibility.canUse(field, from)) {
      return Optional.of(new Field.Accessor(name, false));
    }
    return Optional.empty();
  }

  private static String getterName(VariableElement field) {
    return "get" + capitalized(field.getSimpleName().toString());
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static boolean isBoolean(TypeMirror type) {
    return type.getKind() == TypeKind.BOOLEAN || Annotations.isClass(type, "java.lang.Boolean");
  }

  private boolean hasConstructor(TypeElement type, List<TypeMirror> fieldTypes, PackageElement from) {
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      List<? extends VariableElement> parameters = constructor.getParameters();
      if (!visibility.canUse(constructor, from) || parameters.size() != fieldTypes.size()) {
        continue;
      }
      boolean matches = true;
      for (int i = 0; i < parameters.size(); i++) {
        matches &= types.isSameType(parameters.get(i).asType(), fieldTypes.get(i));
      }
      if (matches) {
        return true;
      }
    }
    return false;
  }
}
