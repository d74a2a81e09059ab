package dev.spindle.codegen.writing;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.JavaFile;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.CommandModel;
import dev.spindle.codegen.model.DeclaredError;
import dev.spindle.codegen.model.Schema;
import dev.spindle.codegen.validation.ErrorReporter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Command>_AmpSerializer}: the {@code CommandSpec} of one command, with its
 * argument, response and row codecs as nested classes and its declared errors as {@code
 * instanceof} tests and a {@code switch}.
 */
public final class SerializerGenerator extends SourceFileGenerator<CommandModel> {
  /**
   * Creates a generator that writes to {@code filer}.
   *
   * @param filer the processing environment's filer, which creates the source files
   * @param reporter reports a file that cannot be written, on the model's element
   */
  public SerializerGenerator(Filer filer, ErrorReporter reporter) {
    super(filer, reporter);
  }

  @Override
  ClassName className(CommandModel model) {
    return model.serializer();
  }

  @Override
  Element originatingElement(CommandModel model) {
    return model.element();
  }

  @Override
  void addStaticImports(CommandModel model, JavaFile.Builder file) {
    boolean hasKeys = !model.arguments().fields().isEmpty() || model.response().isPresent();
    if (hasKeys) {
      file.addStaticImport(StandardCharsets.class, "US_ASCII"); // the key constants use it
    }
  }

  @Override
  TypeSpec.Builder write(CommandModel model) {
    ClassName self = model.serializer();
    ClassName command = model.commandType();
    TypeName response = model.responseType();
    TypeName argumentsCodec = ParameterizedTypeName.get(AmpNames.BOX_CODEC, command);
    TypeName responseCodec = ParameterizedTypeName.get(AmpNames.BOX_CODEC, response);

    Constants constants = new Constants("INSTANCE", "ARGUMENTS", "RESPONSE");
    CodecWriter codecs = new CodecWriter(constants, model.commandName());
    NameAllocator classNames = new NameAllocator();
    classNames.newName(self.simpleName());
    classNames.newName(command.topLevelClassName().simpleName());
    ClassName argumentsClass = self.nestedClass(classNames.newName("ArgumentsCodec"));
    ClassName responseClass = self.nestedClass(classNames.newName("ResponseCodec"));
    List<ClassName> rowClasses = new ArrayList<>();
    for (Schema row : model.rows()) {
      ClassName rowClass = self.nestedClass(classNames.newName(row.type().simpleName() + "Codec"));
      rowClasses.add(rowClass);
      constants.addRowCodec(row.type(), rowClass);
    }
    codecs.defineConstants(model.arguments());
    model.response().ifPresent(codecs::defineConstants);
    model.rows().forEach(codecs::defineConstants);

    TypeSpec.Builder type = TypeSpec.classBuilder(self)
        .addJavadoc("The {@link $T} of {@link $T}, the AMP command {@code $L}.\n",
            AmpNames.COMMAND_SPEC, command, model.commandName())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(AmpNames.COMMAND_SPEC, command, response))
        .addField(FieldSpec.builder(self, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC,
                Modifier.FINAL)
            .addJavadoc("The only instance, which {@code CommandSpecs.of($T.class)} returns.\n",
                command)
            .initializer("new $T()", self)
            .build())
        .addFields(constants.fields());
    type.addField(FieldSpec.builder(argumentsCodec, "ARGUMENTS",
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("new $T()", argumentsClass)
        .build());
    if (model.response().isPresent()) {
      type.addField(FieldSpec.builder(responseCodec, "RESPONSE",
              Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
          .initializer("new $T()", responseClass)
          .build());
    }

    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build())
        .addMethod(getter("commandName", TypeName.get(String.class),
            CodeBlock.of("$S", model.commandName())))
        .addMethod(getter("commandType",
            ParameterizedTypeName.get(ClassName.get(Class.class), command),
            CodeBlock.of("$T.class", command)))
        .addMethod(getter("requiresAnswer", TypeName.BOOLEAN,
            CodeBlock.of("$L", model.requiresAnswer())))
        .addMethod(getter("arguments", argumentsCodec, CodeBlock.of("ARGUMENTS")))
        .addMethod(getter("response", responseCodec, model.response().isPresent()
            ? CodeBlock.of("RESPONSE")
            : CodeBlock.of("$T.EMPTY", AmpNames.BOX_CODECS)))
        .addMethod(declaredError(model.errors()))
        .addMethod(declaredException(model.errors()));

    type.addType(codecs.write(argumentsClass, model.arguments(), Role.ARGUMENTS));
    model.response().ifPresent(
        schema -> type.addType(codecs.write(responseClass, schema, Role.RESPONSE)));
    for (int i = 0; i < model.rows().size(); i++) {
      type.addType(codecs.write(rowClasses.get(i), model.rows().get(i), Role.ROW));
    }
    return type;
  }

  private static MethodSpec getter(String name, TypeName type, CodeBlock value) {
    return MethodSpec.methodBuilder(name)
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(type)
        .addStatement("return $L", value)
        .build();
  }

  /** {@code instanceof} tests in declaration order, {@code errors} before {@code fatalErrors}. */
  private static MethodSpec declaredError(List<DeclaredError> errors) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("declaredError")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(AmpNames.REMOTE_AMP_EXCEPTION)
        .addParameter(Throwable.class, "failure")
        .beginControlFlow("if (failure instanceof $T remote)", AmpNames.REMOTE_AMP_EXCEPTION)
        .addStatement("return remote")
        .endControlFlow();
    for (DeclaredError error : errors) {
      CodeBlock description = CodeBlock.of("$T.toString(failure.getMessage(), $S)",
          Objects.class, "");
      method.beginControlFlow("if (failure instanceof $T)", error.exceptionType())
          .addStatement(error.fatal()
                  ? "return new $T($S,$W$L,$Wtrue)"
                  : "return new $T($S,$W$L)",
              AmpNames.REMOTE_AMP_EXCEPTION, error.code(), description)
          .endControlFlow();
    }
    return method.addStatement("return null").build();
  }

  /** A {@code switch} from each declared code to a new exception with the description. */
  private static MethodSpec declaredException(List<DeclaredError> errors) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("declaredException")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(Exception.class)
        .addParameter(String.class, "errorCode")
        .addParameter(String.class, "description");
    if (errors.isEmpty()) {
      return method.addStatement("return null").build();
    }
    method.beginControlFlow("switch (errorCode)");
    for (DeclaredError error : errors) {
      method.addCode("case $S:\n$>", error.code())
          .addStatement("return new $T(description)", error.exceptionType())
          .addCode("$<");
    }
    return method.addCode("default:\n$>")
        .addStatement("return null")
        .addCode("$<")
        .endControlFlow()
        .build();
  }
}
