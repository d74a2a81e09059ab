package dev.spindle.codegen.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/** Reads annotations by name through mirrors, without loading the annotation classes. */
final class Annotations {
  private final Elements elements;

  Annotations(Elements elements) {
    this.elements = elements;
  }

  /** Returns the annotation of type {@code name} on {@code element}. */
  static Optional<AnnotationMirror> find(Element element, String name) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(name)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** Returns true if {@code element} has an annotation of type {@code name}. */
  static boolean has(Element element, String name) {
    return find(element, name).isPresent();
  }

  /** Returns the value of {@code member}, its default if not given. */
  AnnotationValue value(AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return e.getValue();
      }
    }
    throw new IllegalArgumentException(mirror + " has no member " + member);
  }

  /** Returns the value of {@code member} if it is written out in the source. */
  static Optional<AnnotationValue> explicitValue(AnnotationMirror mirror, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  String string(AnnotationMirror mirror, String member) {
    return (String) value(mirror, member).getValue();
  }

  boolean bool(AnnotationMirror mirror, String member) {
    return (Boolean) value(mirror, member).getValue();
  }

  /** Returns a class value, or empty if it did not resolve. */
  Optional<DeclaredType> type(AnnotationMirror mirror, String member) {
    Object value = value(mirror, member).getValue();
    return value instanceof DeclaredType d ? Optional.of(d) : Optional.empty();
  }

  /** Returns the annotations of an array member, each with its own value for error positions. */
  List<Nested> annotations(AnnotationMirror mirror, String member) {
    List<Nested> out = new ArrayList<>();
    Object value = value(mirror, member).getValue();
    if (value instanceof List<?> list) {
      for (Object item : list) {
        AnnotationValue v = (AnnotationValue) item;
        if (v.getValue() instanceof AnnotationMirror m) {
          out.add(new Nested(m, v));
        }
      }
    }
    return out;
  }

  /** Returns true if {@code type} names the class {@code name}. */
  static boolean isClass(TypeMirror type, String name) {
    return type instanceof DeclaredType d
        && ((TypeElement) d.asElement()).getQualifiedName().contentEquals(name);
  }

  /** A nested annotation and the array element that holds it. */
  record Nested(AnnotationMirror mirror, AnnotationValue value) {}
}
