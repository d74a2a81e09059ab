package dev.spindle.codegen.validation;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import dev.spindle.codegen.model.AmpNames;
import dev.spindle.codegen.model.CommandModel;
import dev.spindle.codegen.model.DeclaredError;
import dev.spindle.codegen.model.Field;
import dev.spindle.codegen.model.GeneratedNames;
import dev.spindle.codegen.model.Schema;
import dev.spindle.codegen.model.ValueType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;

/**
 * Validates a {@code @Command} type and everything it uses (response and row types, error codes,
 * names), reporting every mistake; returns its model only if there were none. Create one per
 * processing round: it remembers the types it has validated.
 */
public final class CommandValidator {
  private final Elements elements;
  private final ErrorReporter reporter;
  private final Annotations annotations;
  private final Requests requests;
  private final SchemaFactory schemas;
  private final ErrorCodeValidator errorCodes;

  /**
   * Creates a validator that reports to {@code reporter}.
   *
   * @param env the processing environment
   * @param reporter reports each mistake on its element
   */
  public CommandValidator(ProcessingEnvironment env, ErrorReporter reporter) {
    this.elements = env.getElementUtils();
    this.reporter = reporter;
    this.annotations = new Annotations(elements);
    this.requests = new Requests(elements, env.getTypeUtils());
    this.schemas = new SchemaFactory(elements, env.getTypeUtils(), reporter);
    this.errorCodes = new ErrorCodeValidator(elements, env.getTypeUtils(), reporter);
  }

  /**
   * Returns the model of {@code type}, or empty after reporting its mistakes.
   *
   * @param type the class annotated {@code @Command}
   * @return the model, or empty if a mistake was reported
   */
  public Optional<CommandModel> validate(TypeElement type) {
    AnnotationMirror annotation = Annotations.find(type, AmpNames.COMMAND).orElseThrow();
    ClassName serializer = GeneratedNames.of(type, AmpNames.SERIALIZER_SUFFIX);
    String generated = serializer.simpleName();
    String name = type.getQualifiedName().toString();
    if (type.getKind() != ElementKind.RECORD && type.getKind() != ElementKind.CLASS) {
      reporter.error(type, annotation, "@Command applies to records and classes, but " + name
          + " is " + article(type.getKind()) + ": declare the command as a record");
      return Optional.empty();
    }
    if (type.getNestingKind() == NestingKind.LOCAL) {
      reporter.error(type, annotation, "@Command type " + type.getSimpleName() + " is a local"
          + " class; the generated " + generated + " cannot name it: make it a top-level or member"
          + " class");
      return Optional.empty();
    }
    int before = reporter.errorCount();
    PackageElement from = elements.getPackageOf(type);
    String commandName = commandName(type, annotation);
    boolean requiresAnswer = annotations.bool(annotation, "requiresAnswer");
    WireNaming naming = WireNaming.of(annotations, annotation, from);
    Optional<Schema> arguments = schemas.schema(type, from, naming, "@Command type", generated);

    TypeName responseType = ClassName.get(Void.class);
    Optional<Schema> response = Optional.empty();
    boolean responseValid = true;
    Optional<TypeMirror> r = requests.responseType(type.asType());
    if (r.isEmpty()) {
      reporter.error(type, name + " does not implement Request<R>; a @Command names its response"
          + " type R that way (R = Void for an empty answer): add implements Request<...>");
    } else if (!Requests.isVoid(r.get())) {
      responseType = TypeName.get(r.get());
      if (!requiresAnswer) {
        reporter.error(type, annotation,
            Annotations.explicitValue(annotation, "requiresAnswer").orElseThrow(),
            name + " has requiresAnswer = false but response type " + r.get() + "; a command"
                + " without an answer gets no response values: implement Request<Void>");
      }
      if (ValueTypeResolver.isRowType(r.get())) {
        TypeElement responseElement = (TypeElement) ((DeclaredType) r.get()).asElement();
        response = schemas.schema(responseElement, from, naming, "response type", generated);
        responseValid = response.isPresent();
      } else {
        reporter.error(type, "response type " + r.get() + " of " + name + " is neither Void, a"
            + " record, nor a class with @Argument fields; AMP answers with a box of named values:"
            + " declare a record for them");
      }
    }
    List<DeclaredError> errors = errorCodes.validate(type, annotation, generated);
    if (arguments.isEmpty() || !responseValid) {
      return Optional.empty();
    }
    Optional<List<Schema>> rows = rows(arguments.get(), response, from, naming);
    if (rows.isEmpty() || reporter.errorCount() != before) {
      return Optional.empty();
    }
    return Optional.of(new CommandModel(type, serializer, commandName, requiresAnswer,
        responseType, arguments.get(), response, rows.get(), errors));
  }

  private String commandName(TypeElement type, AnnotationMirror annotation) {
    String commandName = requests.commandName(type, annotation);
    String problem = Ascii.problem(commandName);
    if (problem != null) {
      String shown = commandName.length() > Ascii.MAX_LENGTH ? "" : " \"" + commandName + "\"";
      String message = "command name" + shown + " of " + type.getQualifiedName() + " " + problem
          + "; AMP command names are ASCII, 1 to 255 bytes: set @Command(name = \"...\")";
      Annotations.explicitValue(annotation, "name").ifPresentOrElse(
          value -> reporter.error(type, annotation, value, message),
          () -> reporter.error(type, annotation, message));
    }
    return commandName;
  }

  /** The row schemas reachable from the arguments and response, or empty if one is invalid. */
  private Optional<List<Schema>> rows(
      Schema arguments, Optional<Schema> response, PackageElement from, WireNaming naming) {
    List<Schema> rows = new ArrayList<>();
    Set<ClassName> seen = new HashSet<>();
    Deque<Schema> todo = new ArrayDeque<>();
    todo.add(arguments);
    response.ifPresent(todo::add);
    while (!todo.isEmpty()) {
      for (Field field : todo.removeFirst().fields()) {
        if (field.valueType() instanceof ValueType.AmpList list && seen.add(list.row())) {
          Optional<Schema> row = schemas.lookup(list.row(), from, naming);
          if (row.isEmpty()) {
            return Optional.empty();
          }
          rows.add(row.get());
          todo.add(row.get());
        }
      }
    }
    return Optional.of(rows);
  }

  private static String article(ElementKind kind) {
    String word = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    return (word.startsWith("a") || word.startsWith("e") || word.startsWith("i") ? "an " : "a ")
        + word;
  }
}
