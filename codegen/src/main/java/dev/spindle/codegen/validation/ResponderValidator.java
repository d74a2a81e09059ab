package dev.spindle.codegen.validation;

import com.squareup.javapoet.ClassName;
import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.GeneratedNames;
import dev.spindle.codegen.model.LocatorModel;
import dev.spindle.codegen.model.ResponderMethod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Validates a class with {@code @Responder} methods, reporting every mistake on its method; returns
 * the model of its locator only if there were none.
 */
public final class ResponderValidator {
  private final Elements elements;
  private final Types types;
  private final ErrorReporter reporter;
  private final Requests requests;
  private final Visibility visibility;

  /**
   * Creates a validator that reports to {@code reporter}.
   *
   * @param env the processing environment
   * @param reporter reports each mistake on its element
   */
  public ResponderValidator(ProcessingEnvironment env, ErrorReporter reporter) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.reporter = reporter;
    this.requests = new Requests(elements, types);
    this.visibility = new Visibility(elements);
  }

  /**
   * Returns the model of {@code type}'s locator, or empty after reporting its mistakes.
   *
   * @param type a class with {@code @Responder} methods
   * @return the model, or empty if a mistake was reported
   */
  public Optional<LocatorModel> validate(TypeElement type) {
    ClassName locator = GeneratedNames.of(type, AmpNames.LOCATOR_SUFFIX);
    int before = reporter.errorCount();
    if (!checkClass(type, locator.simpleName())) {
      return Optional.empty();
    }
    List<ResponderMethod> responders = new ArrayList<>();
    Map<String, ExecutableElement> byCommand = new HashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!Annotations.has(method, AmpNames.RESPONDER)) {
        continue;
      }
      Optional<ResponderMethod> responder = responder(method, locator.simpleName());
      if (responder.isEmpty()) {
        continue;
      }
      ExecutableElement earlier = byCommand.putIfAbsent(responder.get().commandName(), method);
      if (earlier != null) {
        reporter.error(method, "@Responder method " + method.getSimpleName() + " answers command"
            + " \"" + responder.get().commandName() + "\", which " + earlier.getSimpleName()
            + " already answers; a class has one responder per command name: remove one");
        continue;
      }
      responders.add(responder.get());
    }
    if (reporter.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(
        new LocatorModel(type, locator, responders, inherited(type), superNeedsConnection(type)));
  }

  /** Reports what is wrong with the class itself; false if its methods cannot be checked. */
  private boolean checkClass(TypeElement type, String generated) {
    String name = type.getQualifiedName().toString();
    if (type.getKind() != ElementKind.CLASS && type.getKind() != ElementKind.RECORD
        && type.getKind() != ElementKind.ENUM) {
      reporter.error(type, "@Responder methods must be declared in a class, but " + name
          + " is an " + type.getKind().name().toLowerCase(java.util.Locale.ROOT)
          + "; CommandLocator.of(target) finds locators by the target's classes: move them");
    } else if (type.getNestingKind() != NestingKind.TOP_LEVEL
        && type.getNestingKind() != NestingKind.MEMBER) {
      reporter.error(type, "@Responder methods must be declared in a top-level or member class;"
          + " the generated " + generated + " cannot name the local class "
          + type.getSimpleName() + ": move them");
      return false;
    } else if (!visibility.canName(type, elements.getPackageOf(type))) {
      reporter.error(type, name + " is private; the generated " + generated + " beside it must"
          + " name it: make it (and the classes around it) at least package-private");
    } else if (!type.getTypeParameters().isEmpty()) {
      reporter.error(type, name + " has type parameters; the generated " + generated
          + " wraps one instance of the raw class: move the @Responder methods to a"
          + " non-generic class");
    }
    return true;
  }

  private Optional<ResponderMethod> responder(ExecutableElement method, String generated) {
    String name = method.getSimpleName().toString();
    int before = reporter.errorCount();
    if (method.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(method, "@Responder method " + name + " is private; the generated "
          + generated + " calls it: make it at least package-private");
    }
    if (method.getModifiers().contains(Modifier.STATIC)) {
      reporter.error(method, "@Responder method " + name + " is static; responders are instance"
          + " methods of the object passed to " + generated + ": remove static");
    }
    int count = method.getParameters().size();
    boolean shapeOk = count == 1
        || count == 2 && isConnection(method.getParameters().get(1).asType());
    if (!shapeOk) {
      reporter.error(method, "@Responder method " + name + " takes " + count + " parameters"
          + describe(method) + "; it must take the @Command it answers, optionally followed by the"
          + " AmpConnection it arrived on: R " + name + "(MyCommand command) or R " + name
          + "(MyCommand command, AmpConnection connection). For other per-connection state, build"
          + " the target per connection: .locatorFactory(c -> new " + generated + "(new "
          + method.getEnclosingElement().getSimpleName() + "(c)))");
      return Optional.empty();
    }
    TypeMirror parameter = method.getParameters().get(0).asType();
    Optional<AnnotationMirror> command = parameter.getKind() == TypeKind.DECLARED
        ? Annotations.find(((DeclaredType) parameter).asElement(), AmpNames.COMMAND)
        : Optional.empty();
    if (command.isEmpty()) {
      reporter.error(method, "@Responder method " + name + " takes " + parameter + ", which is"
          + " not a @Command type; it must take the @Command it answers");
      return Optional.empty();
    }
    TypeElement commandType = (TypeElement) ((DeclaredType) parameter).asElement();
    Optional<TypeMirror> response = requests.responseType(parameter);
    if (response.isEmpty()) {
      reporter.error(method, "@Responder method " + name + " takes " + parameter + ", which does"
          + " not implement Request<R>, so its response type is unknown: fix the command");
      return Optional.empty();
    }
    Optional<ResponderMethod.Kind> kind = kind(method.getReturnType(), response.get());
    if (kind.isEmpty()) {
      TypeMirror r = response.get();
      String expected = Requests.isVoid(r)
          ? "void, Void or a CompletionStage<Void>"
          : r + " or a CompletionStage<" + r + ">";
      reporter.error(method, "@Responder method " + name + " returns " + method.getReturnType()
          + ", but " + commandType.getSimpleName() + " implements Request<" + r
          + ">: return " + expected);
    }
    if (reporter.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(new ResponderMethod(
        name,
        requests.commandName(commandType, command.get()),
        ClassName.get(commandType),
        GeneratedNames.of(commandType, AmpNames.SERIALIZER_SUFFIX),
        kind.get(),
        count == 2));
  }

  /** True if {@code type} is {@code AmpConnection}. */
  private static boolean isConnection(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName().contentEquals(AmpNames.AMP_CONNECTION);
  }

  /** The parameter types of {@code method}, as " (A, B)", or "" if it has none. */
  private static String describe(ExecutableElement method) {
    if (method.getParameters().isEmpty()) {
      return "";
    }
    StringBuilder out = new StringBuilder(" (");
    for (int i = 0; i < method.getParameters().size(); i++) {
      out.append(i == 0 ? "" : ", ").append(method.getParameters().get(i).asType());
    }
    return out.append(')').toString();
  }

  /** True if a {@code @Responder} method of a superclass of {@code type} takes the connection. */
  private static boolean superNeedsConnection(TypeElement type) {
    for (TypeElement t = superclassOf(type); t != null; t = superclassOf(t)) {
      for (ExecutableElement m : ElementFilter.methodsIn(t.getEnclosedElements())) {
        if (Annotations.has(m, AmpNames.RESPONDER) && m.getParameters().size() == 2) {
          return true;
        }
      }
    }
    return false;
  }

  private static TypeElement superclassOf(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    return superclass.getKind() == TypeKind.DECLARED
        ? (TypeElement) ((DeclaredType) superclass).asElement()
        : null;
  }

  private Optional<ResponderMethod.Kind> kind(TypeMirror returned, TypeMirror response) {
    if (returned.getKind() == TypeKind.VOID) {
      return Requests.isVoid(response)
          ? Optional.of(ResponderMethod.Kind.VOID)
          : Optional.empty();
    }
    TypeElement stage = elements.getTypeElement("java.util.concurrent.CompletionStage");
    DeclaredType stageOfResponse =
        types.getDeclaredType(stage, types.getWildcardType(response, null));
    if (isStage(returned) && types.isAssignable(returned, stageOfResponse)) {
      return Optional.of(ResponderMethod.Kind.ASYNC);
    }
    if (types.isAssignable(returned, response)) {
      return Optional.of(ResponderMethod.Kind.DIRECT);
    }
    return Optional.empty();
  }

  /** True if {@code type} is a parameterized {@code CompletionStage} or subtype (not raw). */
  private boolean isStage(TypeMirror type) {
    if (!(type instanceof DeclaredType declared) || declared.getTypeArguments().isEmpty()) {
      return false;
    }
    TypeElement stage = elements.getTypeElement("java.util.concurrent.CompletionStage");
    return types.isSubtype(types.erasure(type), types.erasure(stage.asType()));
  }

  /** The locator of the nearest superclass that declares {@code @Responder} methods. */
  private Optional<ClassName> inherited(TypeElement type) {
    TypeMirror superclass = type.getSuperclass();
    while (superclass.getKind() == TypeKind.DECLARED) {
      TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
      boolean responds = ElementFilter.methodsIn(element.getEnclosedElements()).stream()
          .anyMatch(m -> Annotations.has(m, AmpNames.RESPONDER));
      if (responds) {
        return Optional.of(GeneratedNames.of(element, AmpNames.LOCATOR_SUFFIX));
      }
      superclass = element.getSuperclass();
    }
    return Optional.empty();
  }
}
