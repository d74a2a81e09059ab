package dev.spindle.codegen.validation;

import dev.spindle.codegen.model.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Finds what generated code uses in a class with {@code @Argument} fields: a way to read each
 * field ({@code name()}, {@code getName()}, {@code isName()} or the field itself) and a
 * constructor taking the fields in order.
 */
final class ClassMembers {
  private final Elements elements;
  private final Types types;
  private final Visibility visibility;

  ClassMembers(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.visibility = new Visibility(elements);
  }

  /** Returns how code in {@code from} reads {@code field}: an accessor first, else the field. */
  Optional<Field.Accessor> accessor(
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

  /** The conventional getter name of {@code field}. */
  static String getterName(VariableElement field) {
    return "get" + capitalized(field.getSimpleName().toString());
  }

  private static String capitalized(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  private static boolean isBoolean(TypeMirror type) {
    return type.getKind() == TypeKind.BOOLEAN || Annotations.isClass(type, "java.lang.Boolean");
  }

  /** True if {@code type} has a constructor code in {@code from} can call with {@code fieldTypes}. */
  boolean hasConstructor(TypeElement type, List<TypeMirror> fieldTypes, PackageElement from) {
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
