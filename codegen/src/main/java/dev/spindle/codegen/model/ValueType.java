package dev.spindle.codegen.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;

/** How one argument travels: a built-in AMP type, a {@code ListOf}, an {@code AmpList} or a user type. */
public sealed interface ValueType {
  /**
   * The Java reference type of the value ({@code Long} for {@code long}).
   *
   * @return the type of the value in generated code, never a primitive
   */
  TypeName javaType();

  /** A built-in scalar type. */
  record Scalar(ScalarType type) implements ValueType {
    @Override
    public TypeName javaType() {
      return type.javaType();
    }
  }

  /** AMP {@code ListOf(element)}: a {@code java.util.List} of a scalar or of another list. */
  record ListOf(ValueType element) implements ValueType {
    @Override
    public TypeName javaType() {
      return listOf(element.javaType());
    }
  }

  /** AMP {@code AmpList}: a {@code java.util.List} of rows, each a box of its own. */
  record AmpList(ClassName row) implements ValueType {
    @Override
    public TypeName javaType() {
      return listOf(row);
    }
  }

  /** A user {@code ArgumentType} named by {@code @Argument(type = ...)}. */
  record Custom(ClassName argumentType, TypeName javaType) implements ValueType {}

  private static TypeName listOf(TypeName element) {
    return ParameterizedTypeName.get(ClassName.get("java.util", "List"), element);
  }
}
