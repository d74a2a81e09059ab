package dev.spindle.codegen;

import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether a type is ready to process: its supertypes and the types of its fields, record
 * components and methods all resolved. A type that names a class another processor has yet to
 * generate is deferred to the next round instead.
 */
final class Resolution {
  private Resolution() {}

  static boolean isResolved(TypeElement type) {
    if (!isResolved(type.getSuperclass())) {
      return false;
    }
    for (TypeMirror supertype : type.getInterfaces()) {
      if (!isResolved(supertype)) {
        return false;
      }
    }
    for (Element member : type.getEnclosedElements()) {
      if (member instanceof VariableElement variable && !isResolved(variable.asType())) {
        return false;
      }
      if (member instanceof ExecutableElement method) {
        if (!isResolved(method.getReturnType())) {
          return false;
        }
        for (VariableElement parameter : method.getParameters()) {
          if (!isResolved(parameter.asType())) {
            return false;
          }
        }
      }
    }
    return true;
  }

  private static boolean isResolved(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return false;
    }
    if (type instanceof ArrayType array) {
      return isResolved(array.getComponentType());
    }
    if (type instanceof DeclaredType declared) {
      for (TypeMirror argument : declared.getTypeArguments()) {
        if (!isResolved(argument)) {
          return false;
        }
      }
    }
    return true;
  }
}
