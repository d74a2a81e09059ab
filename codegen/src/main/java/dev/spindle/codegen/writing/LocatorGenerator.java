package dev.spindle.codegen.writing;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.NameAllocator;
import com.squareup.javapoet.TypeSpec;
import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.LocatorModel;
import dev.spindle.codegen.model.ResponderMethod;
import dev.spindle.codegen.validation.ErrorReporter;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Class>_AmpLocator}: a {@code CommandLocator} holding one {@code BoxResponder}
 * per {@code @Responder} method, built once in the constructor, and a {@code switch} on the
 * command name.
 */
public final class LocatorGenerator extends SourceFileGenerator<LocatorModel> {
  /**
   * Creates a generator that writes to {@code filer}.
   *
   * @param filer the processing environment's filer, which creates the source files
   * @param reporter reports a file that cannot be written, on the model's element
   */
  public LocatorGenerator(Filer filer, ErrorReporter reporter) {
    super(filer, reporter);
  }

  @Override
  ClassName className(LocatorModel model) {
    return model.locator();
  }

  @Override
  Element originatingElement(LocatorModel model) {
    return model.element();
  }

  @Override
  TypeSpec.Builder write(LocatorModel model) {
    ClassName target = model.targetType();
    NameAllocator names = new NameAllocator();
    for (String reserved : List.of("target", "connection", "commandName", "inherited")) {
      names.newName(reserved);
    }
    TypeSpec.Builder type = TypeSpec.classBuilder(model.locator())
        .addJavadoc("Dispatches AMP commands to the {@code @Responder} methods of a {@link $T}."
            + "\n\n<p>", target)
        .addJavadoc(model.needsConnection()
            ? "Its responders take the connection: build one per connection, {@code"
                + " .locatorFactory(c -> new " + model.locator().simpleName() + "(target, c))}.\n"
            : "{@code CommandLocator.of(target)} creates it.\n")
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(AmpNames.COMMAND_LOCATOR);
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addJavadoc("Creates the locator of {@code target}'s responders.\n\n")
        .addJavadoc("@param target the object whose responders answer the commands\n")
        .addModifiers(Modifier.PUBLIC)
        .addParameter(target, "target");
    if (model.needsConnection()) {
      constructor
          .addJavadoc("@param connection the connection the responders are given\n")
          .addParameter(AmpNames.AMP_CONNECTION_CLASS, "connection");
    }
    constructor.addStatement("this.target = target");
    MethodSpec targetGetter = MethodSpec.methodBuilder("target")
        .addJavadoc("The object whose {@code @Responder} methods this locator calls.\n\n"
            + "@return the target given to the constructor\n")
        .addModifiers(Modifier.PUBLIC)
        .returns(target)
        .addStatement("return target")
        .build();
    MethodSpec.Builder locate = MethodSpec.methodBuilder("locateResponder")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(AmpNames.BOX_RESPONDER)
        .addParameter(String.class, "commandName")
        .beginControlFlow("switch (commandName)");

    List<FieldSpec> fields = new ArrayList<>();
    fields.add(FieldSpec.builder(target, "target", Modifier.PRIVATE, Modifier.FINAL).build());
    for (ResponderMethod responder : model.responders()) {
      String simple = responder.commandType().simpleName();
      String field = names.newName(Character.toLowerCase(simple.charAt(0)) + simple.substring(1));
      fields.add(FieldSpec.builder(AmpNames.BOX_RESPONDER, field, Modifier.PRIVATE, Modifier.FINAL)
          .build());
      // Responders that return their answer (or nothing) answer on the spot: an
      // ImmediateBoxResponder, which the dispatcher calls without a future per call.
      boolean immediate = responder.kind() != ResponderMethod.Kind.ASYNC;
      String cast = immediate ? "($T) " : "";
      String call = responder.takesConnection()
          ? "command -> target.$N(command, connection)"
          : "target::$N";
      String statement = "this.$N = " + cast + "box -> $T.$N($T.INSTANCE, box, " + call + ")";
      List<Object> args = new ArrayList<>();
      args.add(field);
      if (immediate) {
        args.add(AmpNames.IMMEDIATE_BOX_RESPONDER);
      }
      args.addAll(List.of(AmpNames.RESPONDERS, respondMethod(responder.kind()),
          responder.serializer(), responder.methodName()));
      constructor.addStatement(statement, args.toArray());
      locate.addCode("case $S:\n$>", responder.commandName())
          .addStatement("return $N", field)
          .addCode("$<");
    }
    if (model.inherited().isPresent()) {
      fields.add(FieldSpec.builder(AmpNames.COMMAND_LOCATOR, "inherited",
              Modifier.PRIVATE, Modifier.FINAL)
          .build());
      if (model.inheritedNeedsConnection()) {
        constructor.addStatement(
            "this.inherited = new $T(target, connection)", model.inherited().get());
      } else {
        constructor.addStatement("this.inherited = new $T(target)", model.inherited().get());
      }
      locate.addCode("default:\n$>").addStatement("return inherited.locateResponder(commandName)");
    } else {
      locate.addCode("default:\n$>").addStatement("return null");
    }
    locate.addCode("$<").endControlFlow();
    return type.addFields(fields)
        .addMethod(constructor.build())
        .addMethod(targetGetter)
        .addMethod(locate.build());
  }

  private static String respondMethod(ResponderMethod.Kind kind) {
    switch (kind) {
      case ASYNC:
        return "respondAsync";
      case VOID:
        return "respondVoidNow";
      default:
        return "respondNow";
    }
  }
}
