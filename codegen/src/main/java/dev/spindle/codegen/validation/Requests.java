package dev.spindle.codegen.validation;

import dev.spindle.codegen.model.AmpNames;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/** Facts about command types that both serializers and locators need. */
final class Requests {
  private final Types types;
  private final Annotations annotations;

  Requests(Elements elements, Types types) {
    this.types = types;
    this.annotations = new Annotations(elements);
  }

  /**
   * Returns {@code R} of the {@code Request<R>} that {@code type} implements, or empty if it does
   * not implement it with a type argument.
   */
  Optional<TypeMirror> responseType(TypeMirror type) {
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (Annotations.isClass(supertype, AmpNames.REQUEST)) {
        List<? extends TypeMirror> args = ((DeclaredType) supertype).getTypeArguments();
        return args.size() == 1 && args.get(0).getKind() == TypeKind.DECLARED
            ? Optional.of(args.get(0))
            : Optional.empty();
      }
      Optional<TypeMirror> found = responseType(supertype);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** The wire name of a {@code @Command} type: its {@code name}, or its simple name. */
  String commandName(TypeElement command, AnnotationMirror annotation) {
    String name = annotations.string(annotation, "name");
    return name.isEmpty() ? command.getSimpleName().toString() : name;
  }

  static boolean isVoid(TypeMirror type) {
    return Annotations.isClass(type, "java.lang.Void");
  }
}
