package dev.spindle.codegen.writing;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeSpec;
import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.Field;
import dev.spindle.codegen.model.Schema;
import dev.spindle.codegen.model.ScalarType;
import dev.spindle.codegen.model.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes the {@code BoxCodec} of one schema as a nested class: {@code write} puts the fields in
 * wire order (keys sorted as unsigned bytes, so the box stays sorted), {@code read} takes them in
 * constructor order and calls the constructor.
 */
final class CodecWriter {
  private final Constants constants;
  private final String commandName;

  CodecWriter(Constants constants, String commandName) {
    this.constants = constants;
    this.commandName = commandName;
  }

  /** Defines the constants {@code schema} needs, before any method names its locals. */
  void defineConstants(Schema schema) {
    for (Field field : schema.fields()) {
      constants.key(field.wireName());
      if (!(field.valueType() instanceof ValueType.Scalar)) {
        constants.argumentType(field.valueType());
      }
    }
  }

  /** Returns the codec class {@code name} for {@code schema} in {@code role}. */
  TypeSpec write(ClassName name, Schema schema, Role role) {
    String owner = owner(schema, role);
    return TypeSpec.classBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(AmpNames.BOX_CODEC, schema.type()))
        .addMethod(writeMethod(schema, role, owner))
        .addMethod(readMethod(schema, owner))
        .build();
  }

  private String owner(Schema schema, Role role) {
    switch (role) {
      case ARGUMENTS:
        return commandName;
      case RESPONSE:
        return commandName + " response";
      default:
        return schema.displayName();
    }
  }

  private MethodSpec writeMethod(Schema schema, Role role, String owner) {
    NameAllocator locals = locals(schema);
    MethodSpec.Builder method = MethodSpec.methodBuilder("write")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(schema.type(), "value")
        .addParameter(AmpNames.AMP_BOX, "box");
    List<Field> wireOrder = new ArrayList<>(schema.fields());
    wireOrder.sort(Comparator.comparing(
        f -> f.wireName().getBytes(StandardCharsets.US_ASCII), Arrays::compareUnsigned));
    for (Field field : wireOrder) {
      String key = constants.key(field.wireName());
      CodeBlock read = field.accessor().method()
          ? CodeBlock.of("value.$N()", field.accessor().name())
          : CodeBlock.of("value.$N", field.accessor().name());
      if (field.optional()) {
        String local = locals.newName(field.javaName());
        method.addStatement("$T $N = $L", field.javaType(), local, read)
            .beginControlFlow("if ($N != null)", local)
            .addStatement("box.put($N,$W$L)", key, toBytes(field.valueType(), local))
            .endControlFlow();
      } else if (field.javaType().isPrimitive()) {
        method.addStatement("box.put($N,$W$L)", key, toBytes(field.valueType(), read));
      } else {
        String local = locals.newName(field.javaName());
        method.addStatement("$T $N = $T.$N($L,$W$S)", field.javaType(), local,
                AmpNames.BOX_CODECS, role.requireMethod(), read,
                role.nullMessage(owner, commandName, field.wireName()))
            .addStatement("box.put($N,$W$L)", key, toBytes(field.valueType(), local));
      }
    }
    return method.build();
  }

  private MethodSpec readMethod(Schema schema, String owner) {
    NameAllocator locals = locals(schema);
    MethodSpec.Builder method = MethodSpec.methodBuilder("read")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(schema.type())
        .addParameter(AmpNames.AMP_BOX, "box");
    List<CodeBlock> arguments = new ArrayList<>();
    for (Field field : schema.fields()) {
      String local = locals.newName(field.javaName());
      String key = constants.key(field.wireName());
      method.addStatement("$T $N = $L", field.javaType(), local, read(field, key, owner));
      arguments.add(CodeBlock.of("$N", local));
    }
    return method
        .addStatement("return new $T($L)", schema.type(), CodeBlock.join(arguments, ",$W"))
        .build();
  }

  /** Reads one field; primitives and strings through the non-boxing helpers. */
  private CodeBlock read(Field field, String key, String owner) {
    ValueType type = field.valueType();
    if (field.optional()) {
      return CodeBlock.of("$T.readOptional(box,$W$N,$W$S,$W$L)",
          AmpNames.BOX_CODECS, key, owner, constants.argumentType(type));
    }
    if (type instanceof ValueType.Scalar scalar) {
      String helper = readHelper(scalar.type());
      if (helper != null) {
        return CodeBlock.of("$T.$N(box,$W$N,$W$S)", AmpNames.BOX_CODECS, helper, key, owner);
      }
    }
    return CodeBlock.of("$T.read(box,$W$N,$W$S,$W$L)",
        AmpNames.BOX_CODECS, key, owner, constants.argumentType(type));
  }

  /** The bytes of a non-null value; primitives and strings through the non-boxing helpers. */
  private CodeBlock toBytes(ValueType type, Object value) {
    if (type instanceof ValueType.Scalar scalar) {
      String helper = toBytesHelper(scalar.type());
      if (scalar.type() == ScalarType.BYTES) {
        return CodeBlock.of("$L", value);
      }
      if (helper != null) {
        return CodeBlock.of("$T.$N($L)", AmpNames.ARGUMENT_TYPES, helper, value);
      }
    }
    return CodeBlock.of("$L.toBytes($L)", constants.argumentType(type), value);
  }

  private static String readHelper(ScalarType type) {
    switch (type) {
      case INT:
        return "readInt";
      case LONG:
        return "readLong";
      case BOOLEAN:
        return "readBoolean";
      case FLOAT:
        return "readDouble";
      case UNICODE:
        return "readString";
      case BYTES:
        return "readBytes";
      default:
        return null;
    }
  }

  private static String toBytesHelper(ScalarType type) {
    switch (type) {
      case INT:
      case LONG:
        return "longToBytes";
      case BOOLEAN:
        return "booleanToBytes";
      case FLOAT:
        return "doubleToBytes";
      case UNICODE:
        return "stringToBytes";
      default:
        return null;
    }
  }

  /** Local names that cannot hide the parameters, the constants or the classes the code names. */
  private NameAllocator locals(Schema schema) {
    NameAllocator names = new NameAllocator();
    List<String> reserved = new ArrayList<>(List.of("value", "box",
        AmpNames.BOX_CODECS.simpleName(), AmpNames.ARGUMENT_TYPES.simpleName(),
        schema.type().topLevelClassName().simpleName()));
    reserved.addAll(constants.names());
    for (Field field : schema.fields()) {
      if (field.valueType() instanceof ValueType.Custom custom) {
        reserved.add(custom.argumentType().topLevelClassName().simpleName());
      }
      if (field.javaType() instanceof ClassName c) {
        reserved.add(c.topLevelClassName().simpleName());
      }
    }
    for (String name : new LinkedHashSet<>(reserved)) {
      names.newName(name);
    }
    return names;
  }
}
