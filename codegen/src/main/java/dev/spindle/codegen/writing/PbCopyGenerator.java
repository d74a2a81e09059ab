package dev.spindle.codegen.writing;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.spindle.codegen.pb.CopyRecordModel;
import dev.spindle.codegen.pb.CopyRecordModel.Component;
import dev.spindle.codegen.pb.PbNames;
import dev.spindle.codegen.validation.ErrorReporter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Record>_PbCopy}: registers a {@code @CopyRecord} with a {@code
 * JellyRegistry.Builder}, its components as the state dictionary sent (in declaration order) and
 * a received state converted component by component into a new record; no reflection.
 */
public final class PbCopyGenerator extends SourceFileGenerator<CopyRecordModel> {
  /**
   * Creates a generator that writes to {@code filer}.
   *
   * @param filer the processing environment's filer, which creates the source files
   * @param reporter reports a file that cannot be written, on the model's element
   */
  public PbCopyGenerator(Filer filer, ErrorReporter reporter) {
    super(filer, reporter);
  }

  @Override
  ClassName className(CopyRecordModel model) {
    return model.copy();
  }

  @Override
  Element originatingElement(CopyRecordModel model) {
    return model.element();
  }

  @Override
  TypeSpec.Builder write(CopyRecordModel model) {
    TypeName stateType = ParameterizedTypeName.get(Map.class, String.class, Object.class);
    TypeSpec.Builder type = TypeSpec.classBuilder(model.copy())
        .addJavadoc("Sends a {@link $T} by value as the Python class {@value #CLASS_NAME}.\n",
            model.type())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addField(FieldSpec.builder(String.class, "CLASS_NAME", Modifier.PUBLIC, Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc("The Python class name the record is sent as.\n")
            .initializer("$S", model.pythonName()).build());
    Set<String> taken = new HashSet<>(List.of("CLASS_NAME"));
    List<String> fields = new java.util.ArrayList<>();
    for (Component c : model.components()) {
      String field = PbStubGenerator.local(
          c.name().replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT),
          taken);
      taken.add(field);
      fields.add(field);
      type.addField(FieldSpec.builder(ParameterizedTypeName.get(UnaryOperator.class, Object.class),
              field, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("$L", c.convert()).build());
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());

    MethodSpec.Builder register = MethodSpec.methodBuilder("register")
        .addJavadoc("Registers {@link $T} with {@code registry}, once, with the records its"
            + " components use.\n\n@param registry the registry to add the records to\n"
            + "@return {@code registry}, for chaining\n", model.type())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(PbNames.JELLY_REGISTRY_BUILDER)
        .addParameter(PbNames.JELLY_REGISTRY_BUILDER, "registry")
        .beginControlFlow("if (!registry.registers($T.class))", model.type())
        .addStatement("registry.register(CLASS_NAME, $T.class, $T::state, $T::fromState)",
            model.type(), model.copy(), model.copy());
    for (ClassName other : model.copies()) {
      register.addStatement("$T.register(registry)", other);
    }
    register.endControlFlow().addStatement("return registry");
    type.addMethod(register.build());

    MethodSpec.Builder state = MethodSpec.methodBuilder("state")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(stateType)
        .addParameter(model.type(), "value")
        .addStatement("$T state = new $T<>($L)",
            ParameterizedTypeName.get(LinkedHashMap.class, String.class, Object.class),
            LinkedHashMap.class, Math.max(4, model.components().size() * 2));
    for (Component c : model.components()) {
      if (c.optional()) {
        state.addStatement("state.put($S, $T.unwrap(value.$N()))", c.name(), PbNames.ELEMENTS,
            c.name());
      } else {
        state.addStatement("state.put($S, value.$N())", c.name(), c.name());
      }
    }
    type.addMethod(state.addStatement("return state").build());

    CodeBlock.Builder args = CodeBlock.builder();
    boolean unchecked = false;
    for (int i = 0; i < model.components().size(); i++) {
      Component c = model.components().get(i);
      unchecked |= c.generic();
      args.add(i == 0 ? "\n    ($T) $T.attribute(state, CLASS_NAME, $S, $N)"
          : ",\n    ($T) $T.attribute(state, CLASS_NAME, $S, $N)", c.type(), PbNames.ELEMENTS,
          c.name(), fields.get(i));
    }
    MethodSpec.Builder fromState = MethodSpec.methodBuilder("fromState")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(model.type())
        .addParameter(stateType, "state")
        .addStatement("return new $T($L)", model.type(), args.build());
    if (unchecked) {
      fromState.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
          .addMember("value", "$S", "unchecked").build());
    }
    return type.addMethod(fromState.build());
  }
}
