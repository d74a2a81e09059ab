package dev.spindle.codegen.writing;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.FieldSpec;
import com.squareup.javapoet.MethodSpec;
import com.squareup.javapoet.ParameterSpec;
import com.squareup.javapoet.ParameterizedTypeName;
import com.squareup.javapoet.TypeName;
import com.squareup.javapoet.TypeSpec;
import dev.spindle.codegen.pb.PbNames;
import dev.spindle.codegen.pb.RemoteInterfaceModel;
import dev.spindle.codegen.pb.RemoteInterfaceModel.Method;
import dev.spindle.codegen.pb.RemoteInterfaceModel.Parameter;
import dev.spindle.codegen.pb.RemoteInterfaceModel.Result;
import dev.spindle.codegen.pb.RemoteInterfaceModel.Shape;
import dev.spindle.codegen.validation.ErrorReporter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;

/**
 * Generates {@code <Interface>_PbStub}: the remote interface implemented over a {@code
 * RemoteReference}, each method building its positional arguments and keywords directly and
 * converting the answer to the declared type; and its nested {@code Observer}, the same over a
 * Cacheable's {@code RemoteCacheObserver} (the peer's copy runs them as {@code observe_}).
 */
public final class PbStubGenerator extends SourceFileGenerator<RemoteInterfaceModel> {
  /**
   * Creates a generator that writes to {@code filer}.
   *
   * @param filer the processing environment's filer, which creates the source files
   * @param reporter reports a file that cannot be written, on the model's element
   */
  public PbStubGenerator(Filer filer, ErrorReporter reporter) {
    super(filer, reporter);
  }

  @Override
  ClassName className(RemoteInterfaceModel model) {
    return model.stub();
  }

  @Override
  Element originatingElement(RemoteInterfaceModel model) {
    return model.element();
  }

  @Override
  TypeSpec.Builder write(RemoteInterfaceModel model) {
    ClassName stub = model.stub();
    TypeSpec.Builder type = TypeSpec.classBuilder(stub)
        .addJavadoc("Calls a remote {@link $T} through a {@code RemoteReference}.\n\n"
            + "<p>{@code $T.of(reference)} creates it; {@link #observer} calls a\nCacheable's"
            + " copy instead.\n", model.type(), stub)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(model.type())
        .addSuperinterface(PbNames.PB_STUB)
        .addField(FieldSpec.builder(PbNames.REMOTE_REFERENCE, "reference", Modifier.PRIVATE,
            Modifier.FINAL).build())
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addParameter(PbNames.REMOTE_REFERENCE, "reference")
            .addStatement("this.reference = reference")
            .build())
        .addMethod(MethodSpec.methodBuilder("of")
            .addJavadoc("The stub calling {@code reference}.\n\n"
                + "@param reference the remote object; not null\n"
                + "@return a stub whose methods call it\n")
            .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
            .returns(stub)
            .addParameter(PbNames.REMOTE_REFERENCE, "reference")
            .addStatement("return new $T($T.requireNonNull(reference, $S))", stub, Objects.class,
                "reference")
            .build())
        .addMethod(MethodSpec.methodBuilder("reference")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(PbNames.REMOTE_REFERENCE)
            .addStatement("return reference")
            .build());
    java.util.Set<String> fields = new java.util.HashSet<>();
    if (!model.copies().isEmpty()) {
      type.addMethod(PbSkeletonGenerator.registerCopies(model));
    }
    ClassName observer = stub.nestedClass("Observer");
    type.addMethod(MethodSpec.methodBuilder("observer")
        .addJavadoc("The stub calling the peer's copy of a Cacheable through {@code observer}"
            + " (given to\n{@code getStateToCacheAndObserveFor}): each method is sent as"
            + " {@code cachemessage}, which the\ncopy runs as {@code observe_<name>}.\n\n"
            + "@param observer the observer of one peer's copy; not null\n"
            + "@return a stub whose methods call that copy\n")
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC)
        .returns(observer)
        .addParameter(PbNames.REMOTE_CACHE_OBSERVER, "observer")
        .addStatement("return new $T($T.requireNonNull(observer, $S))", observer, Objects.class,
            "observer")
        .build());
    TypeSpec.Builder observing = TypeSpec.classBuilder(observer)
        .addJavadoc("A {@link $T} called through a {@code RemoteCacheObserver}: the peer's copy of\na"
            + " Cacheable, whose {@code observe_} methods run each call.\n", model.type())
        .addModifiers(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addSuperinterface(model.type())
        .addField(FieldSpec.builder(PbNames.REMOTE_CACHE_OBSERVER, "observer", Modifier.PRIVATE,
            Modifier.FINAL).build())
        .addMethod(MethodSpec.constructorBuilder()
            .addModifiers(Modifier.PRIVATE)
            .addParameter(PbNames.REMOTE_CACHE_OBSERVER, "observer")
            .addStatement("this.observer = observer")
            .build())
        .addMethod(MethodSpec.methodBuilder("observer")
            .addJavadoc("The observer the stub calls (the one {@code stoppedObserving} is given)."
                + "\n\n@return the observer given to {@code observer(...)}\n")
            .addModifiers(Modifier.PUBLIC)
            .returns(PbNames.REMOTE_CACHE_OBSERVER)
            .addStatement("return observer")
            .build());
    for (Method m : model.methods()) {
      String convert = null;
      if (m.convert() != null) {
        convert = local("RESULT_" + constant(m.javaName()), fields);
        fields.add(convert);
        type.addField(FieldSpec.builder(ParameterizedTypeName.get(UnaryOperator.class,
                Object.class), convert, Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer("$L", m.convert())
            .build());
      }
      type.addMethod(method(model, m, convert, "reference"));
      observing.addMethod(method(model, m, convert, "observer"));
    }
    return type.addType(observing.build());
  }

  /** {@code addAll} as {@code ADD_ALL}. */
  private static String constant(String javaName) {
    return javaName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }

  /** The method {@code m}, calling through the field {@code via} (a reference or an observer). */
  private MethodSpec method(RemoteInterfaceModel model, Method m, String convert, String via) {
    MethodSpec.Builder b = MethodSpec.methodBuilder(m.javaName())
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .varargs(m.element().isVarArgs())
        .returns(TypeName.get(m.element().getReturnType()));
    for (Parameter p : m.parameters()) {
      b.addParameter(ParameterSpec.builder(p.type(), p.name()).build());
    }
    java.util.Set<String> taken = new java.util.HashSet<>();
    m.parameters().forEach(p -> taken.add(p.name()));
    CodeBlock args = positional(b, m, local("args", taken), local("arg", taken));
    CodeBlock keywords = keywords(b, m, local("kwargs", taken));
    if (m.result() == Result.VOID) {
      boolean tail = m.parameters().stream().anyMatch(p -> p.shape() == Shape.VAR_ARGS);
      boolean named = m.parameters().stream()
          .anyMatch(p -> p.shape() == Shape.KEYWORD_ONLY || p.shape() == Shape.KEYWORDS);
      if (named) {
        b.addStatement("this.$N.callRemoteNoAnswerWithKeywords($S, $L, $L)", via, m.remoteName(),
            args, keywords);
      } else if (m.parameters().isEmpty()) {
        b.addStatement("this.$N.callRemoteNoAnswer($S)", via, m.remoteName());
      } else if (!tail) {
        b.addStatement("this.$N.callRemoteNoAnswer($S, $L)", via, m.remoteName(), array(m));
      } else {
        b.addStatement("this.$N.callRemoteNoAnswer($S, $L.toArray())", via, m.remoteName(), args);
      }
    } else if (convert != null) {
      b.addStatement("return $T.callConverted(this.$N, $N, $S, $S, $L, $L)", PbNames.STUBS,
          via, convert, model.pythonName() + "." + m.javaName(), m.remoteName(), args, keywords);
    } else {
      b.addStatement("return $T.call(this.$N, $T.class, $S, $S, $L, $L)", PbNames.STUBS,
          via, m.valueErasure(), model.pythonName() + "." + m.javaName(), m.remoteName(), args,
          keywords);
    }
    return b.build();
  }

  /** The positional arguments: a fixed list, or one that the variadic tail extends. */
  private static CodeBlock positional(MethodSpec.Builder b, Method m, String args, String arg) {
    Parameter tail = null;
    int count = 0;
    for (Parameter p : m.parameters()) {
      if (p.shape() == Shape.POSITIONAL) {
        count++;
      } else if (p.shape() == Shape.VAR_ARGS) {
        tail = p;
      }
    }
    if (tail == null) {
      return count == 0 ? CodeBlock.of("$T.of()", java.util.List.class)
          : CodeBlock.of("$T.asList($L)", java.util.Arrays.class, array(m));
    }
    TypeName list = ParameterizedTypeName.get(ArrayList.class, Object.class);
    String size = tail.type().toString().endsWith("[]") ? tail.name() + ".length"
        : tail.name() + ".size()";
    if (count == 0) {
      b.addStatement("$T $N = new $T<>($L)", list, args, ArrayList.class, size);
    } else {
      b.addStatement("$T $N = new $T<>($L + $L)", list, args, ArrayList.class, count, size);
    }
    for (Parameter p : m.parameters()) {
      if (p.shape() == Shape.POSITIONAL) {
        b.addStatement("$N.add($L)", args, sent(p));
      }
    }
    if (tail.type().toString().endsWith("[]")) {
      b.beginControlFlow("for (var $N : $N)", arg, tail.name())
          .addStatement("$N.add($N)", args, arg)
          .endControlFlow();
    } else {
      b.addStatement("$N.addAll($N)", args, tail.name());
    }
    return CodeBlock.of("$N", args);
  }

  /** How a parameter is sent: itself, or a remote interface exported as a reference. */
  private static CodeBlock sent(Parameter p) {
    if (p.optional()) {
      return CodeBlock.of("$T.unwrap($N)", PbNames.ELEMENTS, p.name());
    }
    return p.remote() == null ? CodeBlock.of("$N", p.name())
        : CodeBlock.of("$T.export($N, $T::of)", PbNames.STUBS, p.name(), p.remote().skeleton());
  }

  /** {@code new Object[] {a, b}}: the positional parameters (null stays an element). */
  private static CodeBlock array(Method m) {
    CodeBlock.Builder elements = CodeBlock.builder();
    int count = 0;
    for (Parameter p : m.parameters()) {
      if (p.shape() == Shape.POSITIONAL) {
        elements.add(count++ == 0 ? "$L" : ", $L", sent(p));
      }
    }
    return CodeBlock.of("new $T[] {$L}", Object.class, elements.build());
  }

  /** The keywords: an empty map, or one with the keyword-only parameters and the map's. */
  private static CodeBlock keywords(MethodSpec.Builder b, Method m, String kwargs) {
    boolean any = m.parameters().stream()
        .anyMatch(p -> p.shape() == Shape.KEYWORD_ONLY || p.shape() == Shape.KEYWORDS);
    if (!any) {
      return CodeBlock.of("$T.of()", Map.class);
    }
    b.addStatement("$T $N = new $T<>()",
        ParameterizedTypeName.get(LinkedHashMap.class, String.class, Object.class), kwargs,
        LinkedHashMap.class);
    for (Parameter p : m.parameters()) {
      if (p.shape() == Shape.KEYWORD_ONLY) {
        b.addStatement("$N.put($S, $L)", kwargs, p.name(), sent(p));
      } else if (p.shape() == Shape.KEYWORDS) {
        b.addStatement("$N.putAll($N)", kwargs, p.name());
      }
    }
    return CodeBlock.of("$N", kwargs);
  }

  /** {@code name}, or with underscores appended until no parameter has it. */
  static String local(String name, java.util.Set<String> taken) {
    String n = name;
    while (taken.contains(n)) {
      n += "_";
    }
    return n;
  }
}
