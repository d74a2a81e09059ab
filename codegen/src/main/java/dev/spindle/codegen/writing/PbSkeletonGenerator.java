package dev.spindle.codegen.writing;

import com.squareup.javapoet.AnnotationSpec;
import com.squareup.javapoet.ArrayTypeName;
import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeSpec;
import com.squareup.javapoet.WildcardTypeName;
import dev.spindle.codegen.pb.PbNames;
import dev.spindle.codegen.pb.RemoteInterfaceModel;
import dev.spindle.codegen.pb.RemoteInterfaceModel.Method;
import dev.spindle.codegen.pb.RemoteInterfaceModel.Parameter;
import dev.spindle.codegen.pb.RemoteInterfaceModel.Result;
import dev.spindle.codegen.validation.ErrorReporter;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Interface>_PbSkeleton}: an implementation of the remote interface exposed as
 * a PB {@code Root} (so also a {@code Referenceable}), through its nested {@code Avatar} as a
 * login {@code Perspective} (called as {@code perspective_}), or through its nested {@code View}
 * as a {@code Viewable} (called as {@code view_}, the perspective choosing the target), or for a
 * {@code RemoteCache} implementing the interface (called as {@code observe_}), whose methods the
 * broker
 * binds with Python's calling convention from the shapes registered in its static initializer,
 * then calls through a {@code switch} on the method's number.
 */
public final class PbSkeletonGenerator extends SourceFileGenerator<RemoteInterfaceModel> {
  /**
   * Creates a generator that writes to {@code filer}.
   *
   * @param filer the processing environment's filer, which creates the source files
   * @param reporter reports a file that cannot be written, on the model's element
   */
  public PbSkeletonGenerator(Filer filer, ErrorReporter reporter) {
    super(filer, reporter);
  }

  /** {@code registerCopies(registry)}: registers every {@code @CopyRecord} the interface uses. */
  static MethodSpec registerCopies(RemoteInterfaceModel model) {
    MethodSpec.Builder b = MethodSpec.methodBuilder("registerCopies")
        .addJavadoc("Registers with {@code registry} the records {@link $T} sends by value.\n\n"
            + "@param registry the registry the peer's connection will use\n"
            + "@return {@code registry}, for chaining\n", model.type())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(PbNames.JELLY_REGISTRY_BUILDER)
        .addParameter(PbNames.JELLY_REGISTRY_BUILDER, "registry");
    for (ClassName copy : model.copies()) {
      b.addStatement("$T.register(registry)", copy);
    }
    return b.addStatement("return registry").build();
  }

  @Override
  ClassName className(RemoteInterfaceModel model) {
    return model.skeleton();
  }

  @Override
  Element originatingElement(RemoteInterfaceModel model) {
    return model.element();
  }

  @Override
  TypeSpec.Builder write(RemoteInterfaceModel model) {
    ClassName skeleton = model.skeleton();
    CodeBlock.Builder shapes = CodeBlock.builder().add("{");
    boolean first = true;
    for (Method m : model.methods()) {
      shapes.add(first ? "\n    $T.method($S)" : ",\n    $T.method($S)", PbNames.METHOD_SHAPE,
          m.remoteName());
      first = false;
      for (Parameter p : m.parameters()) {
        switch (p.shape()) {
          case KEYWORDS -> shapes.add("\n        .keywords($S)", p.name());
          case VAR_ARGS -> shapes.add("\n        .varArgs($S, $T.class)", p.name(), p.erasure());
          default -> {
            if (p.defaultText() == null) {
              shapes.add("\n        .$L($S, $T.class)", p.shape().builder, p.name(), p.erasure());
            } else if (p.defaultText().equals("\u0000None")) {
              shapes.add("\n        .$L($S, $T.class, $T.NONE)", p.shape().builder, p.name(),
                  p.erasure(), PbNames.DEFAULT_CLASS);
            } else {
              shapes.add("\n        .$L($S, $T.class, $S)", p.shape().builder, p.name(),
                  p.erasure(), p.defaultText());
            }
            if (p.convert() != null) {
              shapes.add("\n        .converting($L)", p.convert());
            }
          }
        }
      }
    }
    shapes.add("\n}");
    ClassName avatar = skeleton.nestedClass("Avatar");
    ClassName view = skeleton.nestedClass("View");

    MethodSpec.Builder dispatch = MethodSpec.methodBuilder("call")
        .addJavadoc("Calls method number {@code method} of {@code target} with the arguments from"
            + " {@code args[at]} on.\n")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(Object.class)
        .addParameter(model.type(), "target")
        .addParameter(int.class, "method")
        .addParameter(Object[].class, "args")
        .addParameter(int.class, "at")
        .addException(Throwable.class)
        .beginControlFlow("switch (method)");
    boolean unchecked = false;
    List<Method> methods = model.methods();
    for (int i = 0; i < methods.size(); i++) {
      Method m = methods.get(i);
      CodeBlock.Builder call = CodeBlock.builder().add("target.$N(", m.javaName());
      List<Parameter> ps = m.parameters();
      for (int j = 0; j < ps.size(); j++) {
        Parameter p = ps.get(j);
        unchecked |= p.generic();
        call.add(j == 0 ? "" : ", ");
        call.add("($T) args[$L]", p.type(), j == 0 ? "at" : "at + " + j);
      }
      call.add(")");
      dispatch.addCode("case $L:\n", i).addCode("$>");
      if (m.result() == Result.VOID) {
        dispatch.addStatement("$L", call.build()).addStatement("return null");
      } else if (m.remote() != null) {
        dispatch.addStatement("return $T.settled($L.thenApply(v -> $T.export(v, $T::of)))",
            PbNames.SKELETON, call.build(), PbNames.STUBS, m.remote().skeleton());
      } else if (m.optional()) {
        dispatch.addStatement("return $T.settled($L.thenApply($T::unwrap))", PbNames.SKELETON,
            call.build(), PbNames.ELEMENTS);
      } else {
        dispatch.addStatement("return $T.settled($L)", PbNames.SKELETON, call.build());
      }
      dispatch.addCode("$<");
    }
    dispatch.addCode("default:\n$>")
        .addStatement("throw new $T($S + method)", IllegalArgumentException.class,
            "no remote method number ")
        .addCode("$<")
        .endControlFlow();
    if (unchecked) {
      dispatch.addAnnotation(AnnotationSpec.builder(SuppressWarnings.class)
          .addMember("value", "$S", "unchecked").build());
    }

    return TypeSpec.classBuilder(skeleton)
        .addJavadoc("Exposes a {@link $T} to PB peers: publish it as the root, send it as a"
            + " Referenceable, or\nhand out {@link #avatar} at login ({@code perspective_} methods);"
            + " {@link #view} sends it as a\nViewable ({@code view_} methods). A {@code RemoteCache}"
            + " implementing {@link $T} runs\nthe owner's {@code observe_} calls through it.\n\n"
            + "<p>{@code $T.of(target)} creates it.\n", model.type(), model.type(), skeleton)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(PbNames.ROOT)
        .addSuperinterface(PbNames.SKELETON)
        .addField(FieldSpec.builder(ArrayTypeName.of(PbNames.METHOD_SHAPE), "SHAPES",
                Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(shapes.build()).build())
        .addStaticBlock(CodeBlock.builder()
            .addStatement("$T.register($T.class, $S, SHAPES)", PbNames.SKELETON_METHODS, skeleton,
                model.pythonName())
            .addStatement("$T.registerFactory($T.class, $T::of)", PbNames.SKELETON_METHODS,
                model.type(), skeleton)
            .build())
        .addField(FieldSpec.builder(ParameterizedTypeName.get(PbNames.SKELETON_CACHE,
                model.type(), skeleton), "SKELETONS", Modifier.PRIVATE, Modifier.STATIC,
                Modifier.FINAL)
            .initializer("new $T<>($T::new)", PbNames.SKELETON_CACHE, skeleton).build())
        .addField(FieldSpec.builder(model.type(), "target", Modifier.PRIVATE, Modifier.FINAL).build())
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addParameter(model.type(), "target")
            .addStatement("this.target = target")
            .build())
        .addMethod(MethodSpec.methodBuilder("of")
            .addJavadoc("The skeleton calling {@code target}: the same one for the same object, so"
                + " that it is one\nreference on the wire however often it is sent.\n\n"
                + "@param target the object whose methods the peer calls; not null\n"
                + "@return the skeleton of {@code target}\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(skeleton)
            .addParameter(model.type(), "target")
            .addStatement("return SKELETONS.get($T.requireNonNull(target, $S))", Objects.class,
                "target")
            .build())
        .addMethod(MethodSpec.methodBuilder("target")
            .addJavadoc("The object whose methods the peer calls.\n")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(model.type())
            .addStatement("return target")
            .build())
        .addMethod(MethodSpec.methodBuilder("avatar")
            .addJavadoc("{@code target} as a PB login avatar: the peer calls its methods as {@code"
                + " perspective_<name>}.\n\n"
                + "@param target the avatar's object; not null\n"
                + "@return the avatar, for a realm to hand out at login\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(avatar)
            .addParameter(model.type(), "target")
            .addStatement("return new $T(of(target))", avatar)
            .build())
        .addMethods(model.copies().isEmpty() ? List.of() : List.of(registerCopies(model)))
        .addMethod(MethodSpec.methodBuilder("view")
            .addJavadoc("{@code targets} as a PB Viewable ({@code view_} methods): each call runs"
                + " on the target\n{@code targets} gives for the caller's perspective (null when the"
                + " view was not sent by a\nperspective method).\n\n"
                + "@param targets gives the target for a caller's perspective; not null\n"
                + "@return the Viewable, to send to the peer\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(view)
            .addParameter(ParameterizedTypeName.get(ClassName.get(Function.class),
                ClassName.OBJECT, WildcardTypeName.subtypeOf(model.type())), "targets")
            .addStatement("return new $T($T.requireNonNull(targets, $S))", view, Objects.class,
                "targets")
            .build())
        .addMethod(MethodSpec.methodBuilder("dispatch")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(Object.class)
            .addParameter(int.class, "method")
            .addParameter(Object[].class, "args")
            .addException(Throwable.class)
            .addStatement("return call(target, method, args, 0)")
            .build())
        .addMethod(dispatch.build())
        .addType(TypeSpec.classBuilder(view)
            .addJavadoc("A {@link $T} sent as a PB Viewable ({@code view_} methods): the broker"
                + " passes the caller's\nperspective, which chooses the target.\n", model.type())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addSuperinterface(PbNames.VIEWABLE)
            .addSuperinterface(PbNames.SKELETON)
            .addStaticBlock(CodeBlock.of("$T.register($T.class, $S, SHAPES);\n",
                PbNames.SKELETON_METHODS, view, model.pythonName()))
            .addField(ParameterizedTypeName.get(ClassName.get(Function.class), ClassName.OBJECT,
                WildcardTypeName.subtypeOf(model.type())), "targets", Modifier.PRIVATE,
                Modifier.FINAL)
            .addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(ParameterizedTypeName.get(ClassName.get(Function.class),
                    ClassName.OBJECT, WildcardTypeName.subtypeOf(model.type())), "targets")
                .addStatement("this.targets = targets")
                .build())
            .addMethod(MethodSpec.methodBuilder("dispatch")
                .addJavadoc("{@code args[0]} is the perspective; the method's arguments follow.\n")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Object.class)
                .addParameter(int.class, "method")
                .addParameter(Object[].class, "args")
                .addException(Throwable.class)
                .addStatement("$T target = targets.apply(args[0])", model.type())
                .addStatement("return call($T.requireNonNull(target, $S), method, args, 1)",
                    Objects.class, "the target for the perspective")
                .build())
            .build())
        .addType(TypeSpec.classBuilder(avatar)
            .addJavadoc("A {@link $T} handed out by PB login ({@code perspective_} methods).\n",
                model.type())
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .addSuperinterface(PbNames.PERSPECTIVE)
            .addSuperinterface(PbNames.SKELETON)
            .addStaticBlock(CodeBlock.of("$T.register($T.class, $S, SHAPES);\n",
                PbNames.SKELETON_METHODS, avatar, model.pythonName()))
            .addField(skeleton, "skeleton", Modifier.PRIVATE, Modifier.FINAL)
            .addMethod(MethodSpec.constructorBuilder()
                .addModifiers(Modifier.PRIVATE)
                .addParameter(skeleton, "skeleton")
                .addStatement("this.skeleton = skeleton")
                .build())
            .addMethod(MethodSpec.methodBuilder("target")
                .addJavadoc("The object whose methods the peer calls.\n")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(model.type())
                .addStatement("return skeleton.target")
                .build())
            .addMethod(MethodSpec.methodBuilder("dispatch")
                .addAnnotation(Override.class)
                .addModifiers(Modifier.PUBLIC)
                .returns(Object.class)
                .addParameter(int.class, "method")
                .addParameter(Object[].class, "args")
                .addException(Throwable.class)
                .addStatement("return skeleton.dispatch(method, args)")
                .build())
            .build());
  }

}
