package dev.spindle.codegen.validation;

import com.squareup.javapoet.ClassName;
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
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
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
  private final TypeRules typeRules;
  private final FieldValidator fieldValidator;
  private final ClassMembers members;
  private final Map<String, Optional<Schema>> done = new HashMap<>();

  SchemaFactory(Elements elements, Types types, ErrorReporter reporter) {
    this.elements = elements;
    this.types = types;
    this.reporter = reporter;
    this.typeRules = new TypeRules(new Visibility(elements), reporter);
    this.fieldValidator = new FieldValidator(elements, types, reporter);
    this.members = new ClassMembers(elements, types);
  }

  /**
   * Returns the schema of {@code type} as the generated class {@code generated} in package {@code
   * from} uses it, or empty if {@code type} itself has a mistake (reported). Mistakes in the row
   * types it uses are reported too but do not make this empty; see {@link #lookup}.
   *
   * @param role what the type is, for messages: "@Command type", "response type", ...
   */
  Optional<Schema> schema(
      TypeElement type, PackageElement from, WireNaming naming, String role, String generated) {
    String key = key(type, from, naming);
    Optional<Schema> known = done.get(key);
    if (known != null) {
      return known;
    }
    int before = reporter.errorCount();
    typeRules.checkConstructible(type, from, role, generated);
    List<Field> fields =
        type.getKind() == ElementKind.RECORD
            ? recordFields(type, from, naming, generated)
            : classFields(type, from, naming, generated);
    Optional<Schema> schema =
        reporter.errorCount() == before
            ? Optional.of(new Schema(ClassName.get(type), displayName(type), fields))
            : Optional.empty();
    done.put(key, schema); // before the rows, which may use this type again
    for (Field field : fields) {
      if (field.valueType() instanceof ValueType.AmpList list) {
        TypeElement row = elements.getTypeElement(list.row().canonicalName());
        schema(row, from, naming, "AmpList row type", generated);
      }
    }
    return schema;
  }

  /** Returns the schema built for {@code type} as seen from {@code from}, empty if invalid. */
  Optional<Schema> lookup(ClassName type, PackageElement from, WireNaming naming) {
    Optional<Schema> schema =
        done.get(from.getQualifiedName() + " " + naming + " " + type.canonicalName());
    return schema == null ? Optional.empty() : schema;
  }

  private static String key(TypeElement type, PackageElement from, WireNaming naming) {
    String name = type.getQualifiedName().toString();
    if (name.isEmpty()) {
      name = "local " + System.identityHashCode(type); // local classes have no qualified name
    }
    return from.getQualifiedName() + " " + naming + " " + name;
  }

  private static String displayName(TypeElement type) {
    return String.join(".", ClassName.get(type).simpleNames());
  }

  private List<Field> recordFields(
      TypeElement type, PackageElement from, WireNaming naming, String generated) {
    List<Field> fields = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      String name = component.getSimpleName().toString();
      Element element = backingField(type, component);
      fieldValidator.validate(element, component.asType(), name,
              new Field.Accessor(name, true), naming, from, generated)
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

  private List<Field> classFields(
      TypeElement type, PackageElement from, WireNaming naming, String generated) {
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
      Optional<Field.Accessor> accessor = members.accessor(type, variable, from);
      if (accessor.isEmpty()) {
        reporter.error(variable, "@Argument field " + name + " cannot be read by the generated "
            + generated + ": make it non-private or add a non-private " + name + "() or "
            + ClassMembers.getterName(variable) + "() method");
        continue;
      }
      fieldValidator.validate(
              variable, variable.asType(), name, accessor.get(), naming, from, generated)
          .ifPresent(f -> addUnique(fields, f, variable));
    }
    if (!members.hasConstructor(type, fieldTypes, from)) {
      reporter.error(type, type.getQualifiedName() + " has no constructor that the generated "
          + generated + " can call with its @Argument fields in declaration order ("
          + fieldTypes.stream().map(TypeMirror::toString).collect(Collectors.joining(", "))
          + "): add a non-private one");
    }
    return fields;
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

}
