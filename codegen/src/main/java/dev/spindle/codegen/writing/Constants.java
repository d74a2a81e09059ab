package dev.spindle.codegen.writing;

import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.lang.model.element.Modifier;

/**
 * The private static constants of one generated serializer, each defined once: wire keys as
 * pre-encoded ASCII bytes, {@code AmpList} row codecs, and the argument types that are not
 * built-in constants ({@code ListOf}, {@code AmpList}, user types). Names come from a {@link
 * NameAllocator}.
 */
final class Constants {
  private static final ClassName CHARSETS = ClassName.get(StandardCharsets.class);
  private static final Modifier[] PRIVATE_STATIC_FINAL = {
    Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL
  };

  private final NameAllocator names = new NameAllocator();
  private final Set<String> allocated = new HashSet<>();
  private final Map<String, String> keys = new TreeMap<>(Constants::compareUnsigned);
  private final Map<ClassName, FieldSpec> rowCodecs = new LinkedHashMap<>();
  private final Map<ValueType, FieldSpec> types = new LinkedHashMap<>();

  /** Creates the constants of a class that already has fields named {@code reserved}. */
  Constants(String... reserved) {
    for (String name : reserved) {
      allocate(name);
    }
  }

  /** Returns the constant holding the ASCII bytes of {@code wireName}. */
  String key(String wireName) {
    return keys.computeIfAbsent(wireName, w -> allocate(upperSnake(w) + "_KEY"));
  }

  /** Defines the constant {@code new codecClass()} for the rows of type {@code row}. */
  void addRowCodec(ClassName row, ClassName codecClass) {
    String name = allocate(upperSnake(row.simpleName()) + "_CODEC");
    TypeName type = ParameterizedTypeName.get(AmpNames.BOX_CODEC, row);
    rowCodecs.put(row, FieldSpec.builder(type, name, PRIVATE_STATIC_FINAL)
        .initializer("new $T()", codecClass)
        .build());
  }

  /** Returns an expression for the {@code ArgumentType} of {@code type}. */
  CodeBlock argumentType(ValueType type) {
    if (type instanceof ValueType.Scalar scalar) {
      return CodeBlock.of("$T.$N", AmpNames.ARGUMENT_TYPES, scalar.type().constant());
    }
    FieldSpec constant = types.get(type);
    if (constant == null) {
      TypeName declared = ParameterizedTypeName.get(AmpNames.ARGUMENT_TYPE_CLASS, type.javaType());
      constant = FieldSpec.builder(declared, allocate(constantName(type)), PRIVATE_STATIC_FINAL)
          .initializer(initializer(type))
          .build();
      types.put(type, constant);
    }
    return CodeBlock.of("$N", constant);
  }

  /** Every name allocated so far, so method locals can avoid them. */
  Set<String> names() {
    return Set.copyOf(allocated);
  }

  /** The constants in declaration order: keys (sorted as on the wire), row codecs, types. */
  List<FieldSpec> fields() {
    List<FieldSpec> out = new ArrayList<>();
    keys.forEach((wire, name) -> out.add(
        FieldSpec.builder(byte[].class, name, PRIVATE_STATIC_FINAL)
            .initializer("$S.getBytes($T.US_ASCII)", wire, CHARSETS)
            .build()));
    out.addAll(rowCodecs.values());
    out.addAll(types.values());
    return out;
  }

  private CodeBlock initializer(ValueType type) {
    if (type instanceof ValueType.ListOf list) {
      return CodeBlock.of("$T.listOf($L)", AmpNames.ARGUMENT_TYPES, elementType(list.element()));
    }
    if (type instanceof ValueType.AmpList list) {
      return CodeBlock.of("$T.ampList($N)", AmpNames.ARGUMENT_TYPES, rowCodecs.get(list.row()));
    }
    return CodeBlock.of("new $T()", ((ValueType.Custom) type).argumentType());
  }

  /** An element of a {@code ListOf}: a built-in constant or a nested {@code listOf(...)}. */
  private CodeBlock elementType(ValueType element) {
    if (element instanceof ValueType.ListOf list) {
      return CodeBlock.of("$T.listOf($L)", AmpNames.ARGUMENT_TYPES, elementType(list.element()));
    }
    return argumentType(element);
  }

  private static String constantName(ValueType type) {
    if (type instanceof ValueType.Custom custom) {
      return upperSnake(custom.argumentType().simpleName());
    }
    return stem(type);
  }

  private static String stem(ValueType type) {
    if (type instanceof ValueType.ListOf list) {
      return stem(list.element()) + "_LIST";
    }
    if (type instanceof ValueType.AmpList list) {
      return upperSnake(list.row().simpleName()) + "_LIST";
    }
    TypeName java = type.javaType();
    if (java instanceof ArrayTypeName) {
      return "BYTES";
    }
    return upperSnake(((ClassName) java).simpleName());
  }

  private String allocate(String suggestion) {
    String name = names.newName(suggestion);
    allocated.add(name);
    return name;
  }

  /** {@code dashed-name} and {@code camelCase} to {@code DASHED_NAME} and {@code CAMEL_CASE}. */
  static String upperSnake(String name) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
        sb.append('_');
      }
      sb.append(Character.isJavaIdentifierPart(c) ? Character.toUpperCase(c) : '_');
    }
    return sb.toString();
  }

  private static int compareUnsigned(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
  }
}
