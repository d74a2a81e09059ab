package dev.spindle.codegen.validation;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.ScalarType;
import dev.spindle.codegen.model.ValueType;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * Chooses the AMP type of a Java type, following the table in {@code @Argument}'s Javadoc. Throws
 * {@link UnsupportedTypeException} with the reason for a type AMP cannot carry.
 */
final class ValueTypeResolver {
  static final String SUPPORTED =
      "AMP supports int, long, Integer, Long, BigInteger, byte[], String, boolean, Boolean, double,"
          + " Double, BigDecimal, AmpDecimal, OffsetDateTime, java.nio.file.Path, a List of those"
          + " (nested Lists too), a List of records or of classes with @Argument fields (AmpList),"
          + " or any type with @Argument(type = YourArgumentType.class)";

  /** Resolves {@code type}; a {@code List} of a record or {@code @Argument} class is an AmpList. */
  ValueType resolve(TypeMirror type) {
    if (type instanceof DeclaredType d && isList(d)) {
      TypeMirror element = elementOf(d, type);
      if (isRowType(element)) {
        TypeElement row = (TypeElement) asDeclared(element).asElement();
        if (row.getNestingKind() == NestingKind.LOCAL) {
          throw new UnsupportedTypeException("has type " + type + ", whose row type "
              + row.getSimpleName() + " is a local class that generated code cannot name: make it"
              + " a top-level or member class");
        }
        return new ValueType.AmpList(ClassName.get(row));
      }
      if (isPlainClass(element)) {
        throw new UnsupportedTypeException("has type " + type + ", but "
            + ((DeclaredType) element).asElement().getSimpleName() + " is a class without"
            + " @Argument fields, so it is neither an AMP type nor an AmpList row: make it a record"
            + " or annotate its fields with @Argument");
      }
      return new ValueType.ListOf(resolveListElement(element, type));
    }
    return new ValueType.Scalar(scalar(type, type));
  }

  /** True if {@code type} is a record or a class with {@code @Argument} fields. */
  static boolean isRowType(TypeMirror type) {
    if (!(type instanceof DeclaredType d)) {
      return false;
    }
    TypeElement element = (TypeElement) d.asElement();
    if (element.getKind() == ElementKind.RECORD) {
      return true;
    }
    return element.getKind() == ElementKind.CLASS && hasArgumentFields(element);
  }

  /** True if {@code type} is a class of the user's (not the JDK's) that no rule covers. */
  private static boolean isPlainClass(TypeMirror type) {
    if (!(type instanceof DeclaredType d) || d.asElement().getKind() != ElementKind.CLASS) {
      return false;
    }
    String name = ((TypeElement) d.asElement()).getQualifiedName().toString();
    return !name.startsWith("java.") && !name.startsWith("javax.")
        && !name.equals(AmpNames.AMP_DECIMAL) && !name.equals(AmpNames.AMP_DATE_TIME);
  }

  static boolean hasArgumentFields(TypeElement type) {
    return ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
        .anyMatch(f -> Annotations.has(f, AmpNames.ARGUMENT));
  }

  private ValueType resolveListElement(TypeMirror element, TypeMirror whole) {
    if (element instanceof DeclaredType d && isList(d)) {
      TypeMirror inner = elementOf(d, whole);
      if (isRowType(inner)) {
        throw new UnsupportedTypeException("has type " + whole + ", an AmpList inside a ListOf,"
            + " which Twisted cannot encode: use List<" + inner + "> or another element type");
      }
      return new ValueType.ListOf(resolveListElement(inner, whole));
    }
    if (element.getKind().isPrimitive()) {
      throw unsupported(whole);
    }
    return new ValueType.Scalar(scalar(element, whole));
  }

  private static TypeMirror elementOf(DeclaredType list, TypeMirror whole) {
    List<? extends TypeMirror> args = list.getTypeArguments();
    if (args.size() != 1 || args.get(0).getKind() == TypeKind.WILDCARD) {
      throw unsupported(whole);
    }
    return args.get(0);
  }

  private static ScalarType scalar(TypeMirror type, TypeMirror whole) {
    switch (type.getKind()) {
      case INT:
        return ScalarType.INT;
      case LONG:
        return ScalarType.LONG;
      case BOOLEAN:
        return ScalarType.BOOLEAN;
      case DOUBLE:
        return ScalarType.FLOAT;
      case ARRAY:
        if (((ArrayType) type).getComponentType().getKind() == TypeKind.BYTE) {
          return ScalarType.BYTES;
        }
        throw unsupported(whole);
      case DECLARED:
        return declaredScalar(asDeclared(type), whole);
      default:
        throw unsupported(whole);
    }
  }

  private static ScalarType declaredScalar(DeclaredType type, TypeMirror whole) {
    String name = ((TypeElement) type.asElement()).getQualifiedName().toString();
    switch (name) {
      case "java.lang.Integer":
        return ScalarType.INT;
      case "java.lang.Long":
        return ScalarType.LONG;
      case "java.math.BigInteger":
        return ScalarType.BIG_INTEGER;
      case "java.lang.String":
        return ScalarType.UNICODE;
      case "java.lang.Boolean":
        return ScalarType.BOOLEAN;
      case "java.lang.Double":
        return ScalarType.FLOAT;
      case "java.math.BigDecimal":
        return ScalarType.BIG_DECIMAL;
      case AmpNames.AMP_DECIMAL:
        return ScalarType.DECIMAL;
      case "java.time.OffsetDateTime":
        return ScalarType.DATE_TIME;
      case AmpNames.AMP_DATE_TIME:
        return ScalarType.AMP_DATE_TIME;
      case "java.nio.file.Path":
        return ScalarType.PATH;
      case "java.io.FileDescriptor":
        throw new UnsupportedTypeException("has type " + whole + ", but AMP Descriptor arguments"
            + " need file-descriptor passing over UNIX sockets, which the JDK cannot do: send the"
            + " data or a name for it instead");
      default:
        throw unsupported(whole);
    }
  }

  private static boolean isList(DeclaredType type) {
    return ((TypeElement) type.asElement()).getQualifiedName().contentEquals("java.util.List");
  }

  private static DeclaredType asDeclared(TypeMirror type) {
    return (DeclaredType) type;
  }

  private static UnsupportedTypeException unsupported(TypeMirror type) {
    return new UnsupportedTypeException("has unsupported type " + type + "; " + SUPPORTED);
  }

  /** The Java reference type of {@code type}: boxed for primitives. */
  static TypeName boxed(TypeMirror type) {
    return TypeName.get(type).box();
  }

  /** Why a type cannot be an argument; the message follows "argument x ". */
  static final class UnsupportedTypeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedTypeException(String message) {
      super(message, null, false, false);
    }
  }
}
