package dev.spindle.codegen.pb;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.CodeBlock;
import com.squareup.javapoet.TypeName;
import dev.spindle.codegen.model.GeneratedNames;
import dev.spindle.codegen.pb.RemoteInterfaceModel.Method;
import dev.spindle.codegen.pb.RemoteInterfaceModel.Parameter;
import dev.spindle.codegen.pb.RemoteInterfaceModel.RemoteType;
import dev.spindle.codegen.pb.RemoteInterfaceModel.Result;
import dev.spindle.codegen.pb.RemoteInterfaceModel.Shape;
import dev.spindle.codegen.validation.ErrorReporter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Checks a {@code @RemoteInterface} against the rules of remote methods (those {@code
 * RemoteMethod} applies at run time to reflective classes, here at compile time) and the types
 * Jelly carries, reporting each mistake on its element with what to do instead.
 */
final class RemoteInterfaceValidator {
  /**
   * Methods of the generated stubs that a remote method must not override: {@code
   * <Interface>_PbStub.reference()} and {@code <Interface>_PbStub.Observer.observer()}.
   */
  private static final Set<String> STUB_ACCESSORS = Set.of("reference", "observer");

  /** What every unsupported-type message offers instead. */
  static final String SUPPORTED = "long, int, short, byte, double, float, boolean (or their boxes),"
      + " String, BigInteger, byte[], ByteString, Tuple, Object, RemoteReference, a Jellyable or"
      + " Copyable class, a @CopyRecord record, a @RemoteInterface, List<T>, Set<T> or Map<K, V>"
      + " of those (not of remote interfaces: use RemoteReference), or Optional<T> of those as a"
      + " whole parameter or result";

  private static final Map<String, String> BOXES = Map.of(
      "long", "java.lang.Long", "int", "java.lang.Integer", "short", "java.lang.Short",
      "byte", "java.lang.Byte", "double", "java.lang.Double", "float", "java.lang.Float",
      "boolean", "java.lang.Boolean");
  private static final Map<String, long[]> RANGES = Map.of(
      "int", new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE},
      "short", new long[] {Short.MIN_VALUE, Short.MAX_VALUE},
      "byte", new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE});
  private static final List<String> PLAIN = List.of("java.lang.String", "java.math.BigInteger",
      "java.lang.Object", "dev.spindle.pb.RemoteReference", "dev.spindle.pb.jelly.ByteString",
      "dev.spindle.pb.jelly.Tuple");
  private static final List<String> CONTAINERS = List.of("java.util.List", "java.util.Collection",
      "java.lang.Iterable", "java.util.Map", "java.util.Set");
  /** The containers whose elements are converted (the others take Object elements only). */
  private static final Map<String, String> CONVERTED = Map.of("java.util.List", "list",
      "java.util.Set", "set", "java.util.Map", "map");
  private static final String OPTIONAL = "java.util.Optional";

  private final Elements elements;
  private final Types types;
  private final ErrorReporter reporter;

  RemoteInterfaceValidator(ProcessingEnvironment env, ErrorReporter reporter) {
    this.elements = env.getElementUtils();
    this.types = env.getTypeUtils();
    this.reporter = reporter;
  }

  /** The model of {@code type}, or empty after reporting its mistakes. */
  Optional<RemoteInterfaceModel> validate(TypeElement type) {
    int before = reporter.errorCount();
    String name = type.getQualifiedName().toString();
    if (type.getKind() != ElementKind.INTERFACE) {
      reporter.error(type, "@RemoteInterface " + name + " is a " + type.getKind().toString()
          .toLowerCase(java.util.Locale.ROOT) + "; remote interfaces are Java interfaces:"
          + " declare it as an interface and implement it in a class");
      return Optional.empty();
    }
    if (type.getNestingKind() != NestingKind.TOP_LEVEL && type.getNestingKind() != NestingKind.MEMBER) {
      reporter.error(type, "@RemoteInterface " + name + " is local; the generated stub and"
          + " skeleton must name it: declare it top-level or as a member");
    }
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(type, "@RemoteInterface " + name + " is private; the generated stub and"
          + " skeleton beside it must implement it: make it package-private or public");
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(type, "@RemoteInterface " + name + " has type parameters; a stub cannot"
          + " convert answers to a type variable: declare the concrete types");
    }
    List<Method> methods = new ArrayList<>();
    Set<ClassName> copies = new LinkedHashSet<>();
    Map<String, ExecutableElement> byRemoteName = new HashMap<>();
    Map<String, ExecutableElement> byJavaName = new HashMap<>();
    for (Element e : elements.getAllMembers(type)) {
      if (e.getKind() != ElementKind.METHOD || !e.getModifiers().contains(Modifier.ABSTRACT)) {
        continue; // default and static methods, and Object's, stay local
      }
      ExecutableElement m = (ExecutableElement) e;
      String javaName = m.getSimpleName().toString();
      ExecutableElement overload = byJavaName.putIfAbsent(javaName, m);
      if (overload != null) {
        reporter.error(m, "remote method " + javaName + " of " + name + " is overloaded;"
            + " a Python method has one signature: give one of them another Java name"
            + " (and @Remote(\"" + javaName + "\") if the peer calls it so), or use @Default"
            + " parameters");
        continue;
      }
      if (m.getParameters().isEmpty() && STUB_ACCESSORS.contains(javaName)) {
        reporter.error(m, "remote method " + javaName + "() of " + name + " has the signature of"
            + " the generated stub's " + javaName + "() accessor: give it another Java name"
            + " (and @Remote(\"" + javaName + "\") if the peer calls it so)");
        continue;
      }
      String remoteName = remoteName(m);
      ExecutableElement same = byRemoteName.putIfAbsent(remoteName, m);
      if (same != null) {
        reporter.error(m, "remote method " + javaName + " of " + name + " has the Python name \""
            + remoteName + "\", which " + same.getSimpleName() + " has already: set another"
            + " @Remote(\"...\") on one of them");
        continue;
      }
      method(name, m, remoteName).ifPresent(methods::add);
      copies(m.getReturnType(), copies);
      m.getParameters().forEach(p -> copies(p.asType(), copies));
    }
    if (reporter.errorCount() != before) {
      return Optional.empty();
    }
    ClassName iface = ClassName.get(type);
    return Optional.of(new RemoteInterfaceModel(type, iface,
        GeneratedNames.of(type, PbNames.STUB_SUFFIX), GeneratedNames.of(type, PbNames.SKELETON_SUFFIX),
        String.join(".", iface.simpleNames()), methods, List.copyOf(copies)));
  }

  /** The model of the {@code @CopyRecord} {@code type}, or empty after reporting its mistakes. */
  Optional<CopyRecordModel> validateCopy(TypeElement type) {
    int before = reporter.errorCount();
    String name = type.getQualifiedName().toString();
    if (type.getKind() != ElementKind.RECORD) {
      reporter.error(type, "@CopyRecord " + name + " is a " + type.getKind().toString()
          .toLowerCase(java.util.Locale.ROOT) + "; its components are the state sent: declare it"
          + " as a record, or implement Copyable and register the class with JellyRegistry");
      return Optional.empty();
    }
    if (type.getNestingKind() != NestingKind.TOP_LEVEL && type.getNestingKind() != NestingKind.MEMBER) {
      reporter.error(type, "@CopyRecord " + name + " is local; the generated copy class must name"
          + " it: declare it top-level or as a member");
    }
    if (type.getModifiers().contains(Modifier.PRIVATE)) {
      reporter.error(type, "@CopyRecord " + name + " is private; the generated copy class beside it"
          + " must construct it: make it package-private or public");
    }
    if (!type.getTypeParameters().isEmpty()) {
      reporter.error(type, "@CopyRecord " + name + " has type parameters; a received state cannot"
          + " be converted to a type variable: declare the concrete types");
    }
    List<CopyRecordModel.Component> components = new ArrayList<>();
    Set<ClassName> copies = new LinkedHashSet<>();
    for (javax.lang.model.element.RecordComponentElement c : type.getRecordComponents()) {
      TypeMirror t = c.asType();
      String cn = c.getSimpleName().toString();
      if (!supportedWhole(t, true) || remoteType(t) != null) {
        // on the record: javac knows no position for a record component
        reporter.error(type, "component " + cn + " of @CopyRecord " + name + " has type " + t
            + ", which a copy's state cannot carry: use " + SUPPORTED.replace(", a @RemoteInterface",
                ""));
        continue;
      }
      CodeBlock convert = conversion(t);
      if (convert == null) {
        convert = CodeBlock.of("$T.of($T.class)", PbNames.ELEMENTS,
            TypeName.get(types.erasure(t)));
      }
      components.add(new CopyRecordModel.Component(cn, TypeName.get(t), convert,
          rawName(t).equals(OPTIONAL), !types.isSameType(t, types.erasure(t))));
      copies(t, copies);
    }
    if (reporter.errorCount() != before) {
      return Optional.empty();
    }
    AnnotationMirror a = annotation(type, PbNames.COPY_RECORD);
    String python = a == null ? "" : (String) value(a, "value", "");
    if (python.isEmpty()) {
      python = elements.getBinaryName(type).toString();
    }
    ClassName copy = GeneratedNames.of(type, PbNames.COPY_SUFFIX);
    copies.remove(copy);
    return Optional.of(new CopyRecordModel(type, ClassName.get(type), copy, python, components,
        List.copyOf(copies)));
  }

  /** Adds the copy classes of the {@code @CopyRecord} types in {@code t} (its elements too). */
  private void copies(TypeMirror t, Set<ClassName> into) {
    if (t.getKind() != TypeKind.DECLARED) {
      return;
    }
    TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
    if (annotation(e, PbNames.COPY_RECORD) != null) {
      into.add(GeneratedNames.of(e, PbNames.COPY_SUFFIX));
    }
    for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
      copies(a, into);
    }
  }

  private String remoteName(ExecutableElement m) {
    AnnotationMirror remote = annotation(m, PbNames.REMOTE);
    String value = remote == null ? "" : (String) value(remote, "value", "");
    return value.isEmpty() ? m.getSimpleName().toString() : value;
  }

  private Optional<Method> method(String owner, ExecutableElement m, String remoteName) {
    int before = reporter.errorCount();
    String where = "remote method " + m.getSimpleName() + " of " + owner;
    if (!m.getTypeParameters().isEmpty()) {
      reporter.error(m, where + " has type parameters; a stub cannot convert answers to a type"
          + " variable: declare the concrete types");
    }
    Result result;
    TypeMirror value;
    TypeMirror returned = m.getReturnType();
    if (returned.getKind() == TypeKind.VOID) {
      result = Result.VOID;
      value = elements.getTypeElement("java.lang.Void").asType();
    } else if (isFuture(returned)) {
      result = rawName(returned).equals("java.util.concurrent.CompletableFuture")
          ? Result.FUTURE : Result.STAGE;
      List<? extends TypeMirror> args = ((DeclaredType) returned).getTypeArguments();
      value = args.isEmpty() ? null : args.get(0);
      if (value == null || value.getKind() == TypeKind.WILDCARD) {
        reporter.error(m, where + " returns " + returned + "; the answer is converted to the"
            + " future's type argument: declare it, for example CompletableFuture<Object>");
        return Optional.empty();
      }
      if (!rawName(value).equals("java.lang.Void") && !supportedWhole(value, false)) {
        reporter.error(m, where + " returns " + returned + ", but Jelly cannot carry " + value
            + ": use " + SUPPORTED);
      }
    } else {
      reporter.error(m, where + " returns " + returned + "; a remote call answers later: return"
          + " CompletableFuture<" + boxed(returned) + ">, CompletionStage<" + boxed(returned)
          + ">, or void to ask no answer (callRemoteNoAnswer)");
      return Optional.empty();
    }

    List<Parameter> parameters = new ArrayList<>();
    List<? extends VariableElement> ps = m.getParameters();
    boolean seenVarArgs = false;
    boolean seenKeywordOnly = false;
    boolean seenKeywords = false;
    boolean seenDefault = false;
    for (int i = 0; i < ps.size(); i++) {
      VariableElement p = ps.get(i);
      String pn = p.getSimpleName().toString();
      String pwhere = "parameter " + pn + " of " + where;
      TypeMirror t = p.asType();
      AnnotationMirror defaultAnnotation = annotation(p, PbNames.DEFAULT);
      boolean keywords = annotation(p, PbNames.KEYWORDS) != null;
      boolean varArgs = annotation(p, PbNames.VAR_ARGS) != null
          || (m.isVarArgs() && i == ps.size() - 1 && !keywords);
      boolean keywordOnly = annotation(p, PbNames.KEYWORD_ONLY) != null;
      if (seenKeywords) {
        reporter.error(p, pwhere + " follows the @Keywords map; Python's **kw comes last:"
            + " move it before the map");
        continue;
      }
      Shape shape;
      if (keywords) {
        if (!isKeywordMap(t) || varArgs || keywordOnly || defaultAnnotation != null) {
          reporter.error(p, pwhere + " is @Keywords of type " + t + "; the keyword map receives"
              + " Python's **kw: declare it Map<String, Object>, alone, last");
        }
        seenKeywords = true;
        shape = Shape.KEYWORDS;
      } else if (varArgs) {
        if (seenVarArgs || seenKeywordOnly) {
          reporter.error(p, pwhere + " is a second variadic tail or follows a keyword-only"
              + " parameter; Python has one *args, before the keyword-only parameters");
        } else if (defaultAnnotation != null || keywordOnly) {
          reporter.error(p, pwhere + " is @VarArgs with @Default or @KeywordOnly; the variadic"
              + " tail is empty when nothing more is passed: remove them");
        } else if (!isVarArgsType(t)) {
          reporter.error(p, pwhere + " is @VarArgs of type " + t + "; the tail of *args is an"
              + " array of a supported type, List<Object> or Tuple: declare one of those");
        }
        seenVarArgs = true;
        shape = Shape.VAR_ARGS;
      } else {
        if (!supportedWhole(t, true)) {
          reporter.error(p, pwhere + " has type " + t + ", which Jelly cannot carry: use "
              + SUPPORTED);
        }
        if (keywordOnly || seenVarArgs) {
          seenKeywordOnly = true;
          shape = Shape.KEYWORD_ONLY;
        } else {
          if (seenKeywordOnly) {
            reporter.error(p, pwhere + " follows a keyword-only parameter; Python puts"
                + " positional parameters first: mark it @KeywordOnly or move it");
          } else if (defaultAnnotation == null && seenDefault) {
            reporter.error(p, pwhere + " has no @Default but follows one that has (Python:"
                + " non-default argument follows default argument): give it a @Default or"
                + " move it before the defaults");
          }
          shape = Shape.POSITIONAL;
        }
      }
      String defaultText = null;
      if (defaultAnnotation != null) {
        defaultText = (String) value(defaultAnnotation, "value", "\u0000None");
        if (shape == Shape.POSITIONAL) {
          seenDefault = true;
        }
        String problem = DefaultTexts.problem(t, defaultText, this::rawName, RANGES);
        if (problem != null) {
          AnnotationValue v = annotationValue(defaultAnnotation, "value");
          String message = pwhere + ": " + problem;
          if (v == null) {
            reporter.error(p, defaultAnnotation, message);
          } else {
            reporter.error(p, defaultAnnotation, v, message);
          }
        }
      }
      TypeMirror erasure = types.erasure(t);
      RemoteType remote = remoteType(t);
      boolean converted = shape == Shape.POSITIONAL || shape == Shape.KEYWORD_ONLY;
      parameters.add(new Parameter(pn, TypeName.get(t),
          remote != null ? PbNames.REMOTE_REFERENCE : TypeName.get(erasure), shape, defaultText,
          !types.isSameType(t, erasure), remote,
          !converted ? null : remote != null ? remoteConversion(remote) : conversion(t),
          rawName(t).equals(OPTIONAL)));
    }
    if (reporter.errorCount() != before) {
      return Optional.empty();
    }
    TypeMirror boxedValue = value;
    RemoteType remote = remoteType(boxedValue);
    return Optional.of(new Method(m, m.getSimpleName().toString(), remoteName, parameters, result,
        TypeName.get(boxedValue),
        remote != null ? PbNames.REMOTE_REFERENCE : TypeName.get(types.erasure(boxedValue)), remote,
        result == Result.VOID ? null
            : remote != null ? remoteConversion(remote) : conversion(boxedValue),
        rawName(boxedValue).equals(OPTIONAL)));
  }

  /**
   * The {@code Elements} expression converting a received value to {@code t} with its element
   * types, or null if the checks of its erasure are all there is ({@code long}, {@code
   * List<Object>}).
   */
  private CodeBlock conversion(TypeMirror t) {
    if (t.getKind() != TypeKind.DECLARED) {
      return null;
    }
    String raw = rawName(t);
    List<? extends TypeMirror> args = ((DeclaredType) t).getTypeArguments();
    if (raw.equals(OPTIONAL)) {
      return CodeBlock.of("$T.optional($L)", PbNames.ELEMENTS, element(args.get(0)));
    }
    String factory = CONVERTED.get(raw);
    if (factory == null || args.stream().allMatch(this::anything)) {
      return null;
    }
    CodeBlock.Builder b = CodeBlock.builder().add("$T.$L(", PbNames.ELEMENTS, factory);
    for (int i = 0; i < args.size(); i++) {
      b.add(i == 0 ? "$L" : ", $L", element(args.get(i)));
    }
    return b.add(")").build();
  }

  /** A reference as a stub, or this side's own object sent back. */
  private static CodeBlock remoteConversion(RemoteType remote) {
    return CodeBlock.of("$T.remote($T.class, $T::of)", PbNames.ELEMENTS, remote.type(),
        remote.stub());
  }

  /** The conversion of an element of type {@code t}: its own, or its erasure's checks. */
  private CodeBlock element(TypeMirror t) {
    CodeBlock c = anything(t) ? null : conversion(t);
    TypeName erasure = anything(t) ? TypeName.OBJECT : TypeName.get(types.erasure(t));
    return c != null ? c : CodeBlock.of("$T.of($T.class)", PbNames.ELEMENTS, erasure);
  }

  /** Whether {@code t} is {@code Object} or an unbounded wildcard: no element checks. */
  private boolean anything(TypeMirror t) {
    return t.getKind() == TypeKind.WILDCARD || rawName(t).equals("java.lang.Object");
  }

  /** The stub and skeleton of {@code t} if it is a remote interface, else null. */
  private RemoteType remoteType(TypeMirror t) {
    if (t.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
    if (annotation(e, PbNames.REMOTE_INTERFACE) == null) {
      return null;
    }
    return new RemoteType(ClassName.get(e), GeneratedNames.of(e, PbNames.STUB_SUFFIX),
        GeneratedNames.of(e, PbNames.SKELETON_SUFFIX));
  }

  private boolean isFuture(TypeMirror t) {
    String raw = rawName(t);
    return raw.equals("java.util.concurrent.CompletableFuture")
        || raw.equals("java.util.concurrent.CompletionStage");
  }

  private String boxed(TypeMirror t) {
    String s = t.toString();
    String box = BOXES.get(s);
    return box == null ? s : box.substring("java.lang.".length());
  }

  /** The qualified name of a declared type without its type arguments, or its text. */
  String rawName(TypeMirror t) {
    if (t.getKind() == TypeKind.DECLARED) {
      return ((TypeElement) ((DeclaredType) t).asElement()).getQualifiedName().toString();
    }
    return t.toString();
  }

  /** {@link #supported}, or {@code Optional} of a supported type (not a remote interface). */
  private boolean supportedWhole(TypeMirror t, boolean primitivesAllowed) {
    if (rawName(t).equals(OPTIONAL)) {
      List<? extends TypeMirror> args = ((DeclaredType) t).getTypeArguments();
      return args.size() == 1 && args.get(0).getKind() == TypeKind.DECLARED
          && supported(args.get(0), false) && remoteType(args.get(0)) == null;
    }
    return supported(t, primitivesAllowed);
  }

  private boolean supported(TypeMirror t, boolean primitivesAllowed) {
    if (t.getKind().isPrimitive()) {
      return primitivesAllowed && BOXES.containsKey(t.toString());
    }
    if (t.getKind() == TypeKind.ARRAY) {
      return ((ArrayType) t).getComponentType().getKind() == TypeKind.BYTE;
    }
    if (t.getKind() != TypeKind.DECLARED) {
      return false;
    }
    String raw = rawName(t);
    if (BOXES.containsValue(raw) || PLAIN.contains(raw)) {
      return true;
    }
    if (CONTAINERS.contains(raw)) {
      for (TypeMirror a : ((DeclaredType) t).getTypeArguments()) {
        if (a.getKind() == TypeKind.WILDCARD) {
          WildcardType w = (WildcardType) a;
          if (w.getExtendsBound() != null || w.getSuperBound() != null) {
            return false; // a bound would not be checked: the declaration would lie
          }
        } else if (!rawName(a).equals("java.lang.Object")
            && (!CONVERTED.containsKey(raw) || !supported(a, false) || remoteType(a) != null)) {
          return false; // Collection<Long>: its elements are not converted, use List<Long>
        }
      }
      return true;
    }
    return isSubtype(t, PbNames.JELLYABLE) || isSubtype(t, PbNames.COPYABLE) || remoteType(t) != null
        || annotation(((DeclaredType) t).asElement(), PbNames.COPY_RECORD) != null;
  }

  private boolean isVarArgsType(TypeMirror t) {
    if (t.getKind() == TypeKind.ARRAY) {
      TypeMirror c = ((ArrayType) t).getComponentType();
      return c.getKind() != TypeKind.BYTE && supported(c, true) && remoteType(c) == null
          && conversion(c) == null; // the tail's elements get their erasure's checks only
    }
    String raw = rawName(t);
    return (raw.equals("java.util.List") && supported(t, false) && conversion(t) == null)
        || raw.equals("dev.spindle.pb.jelly.Tuple");
  }

  private boolean isKeywordMap(TypeMirror t) {
    if (!rawName(t).equals("java.util.Map")) {
      return false;
    }
    List<? extends TypeMirror> args = ((DeclaredType) t).getTypeArguments();
    return args.size() == 2 && rawName(args.get(0)).equals("java.lang.String")
        && rawName(args.get(1)).equals("java.lang.Object");
  }

  private boolean isSubtype(TypeMirror t, String name) {
    TypeElement e = elements.getTypeElement(name);
    return e != null && types.isAssignable(t, types.erasure(e.asType()));
  }

  private static AnnotationMirror annotation(Element e, String name) {
    for (AnnotationMirror a : e.getAnnotationMirrors()) {
      if (((TypeElement) a.getAnnotationType().asElement()).getQualifiedName().contentEquals(name)) {
        return a;
      }
    }
    return null;
  }

  private static AnnotationValue annotationValue(AnnotationMirror a, String member) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
        : a.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(member)) {
        return e.getValue();
      }
    }
    return null;
  }

  private static Object value(AnnotationMirror a, String member, Object otherwise) {
    AnnotationValue v = annotationValue(a, member);
    return v == null ? otherwise : v.getValue();
  }
}
