package dev.spindle.codegen.model;

import com.squareup.javapoet.ClassName;
import com.squareup.javapoet.TypeName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * A valid {@code @Command}: everything its {@code _AmpSerializer} needs.
 *
 * @param element the annotated type, the generated file's originating element
 * @param serializer the generated class
 * @param commandName the name on the wire
 * @param requiresAnswer whether calls wait for an answer
 * @param responseType {@code R} of {@code Request<R>} ({@code Void} for an empty answer)
 * @param arguments the command's own fields
 * @param response the fields of {@code R}, absent for {@code Void}
 * @param rows the {@code AmpList} row types reachable from the arguments and the response, each once
 * @param errors {@code errors} then {@code fatalErrors}, in declaration order
 */
public record CommandModel(
    TypeElement element,
    ClassName serializer,
    String commandName,
    boolean requiresAnswer,
    TypeName responseType,
    Schema arguments,
    Optional<Schema> response,
    List<Schema> rows,
    List<DeclaredError> errors) {
  /**
   * Copies the lists, so the model is immutable.
   *
   * @param element the annotated type, the generated file's originating element
   * @param serializer the generated class
   * @param commandName the name on the wire
   * @param requiresAnswer whether calls wait for an answer
   * @param responseType {@code R} of {@code Request<R>} ({@code Void} for an empty answer)
   * @param arguments the command's own fields
   * @param response the fields of {@code R}, absent for {@code Void}
   * @param rows the {@code AmpList} row types reachable from the arguments and the response; copied
   * @param errors {@code errors} then {@code fatalErrors}, in declaration order; copied
   */
  public CommandModel {
    rows = List.copyOf(rows);
    errors = List.copyOf(errors);
  }

  /**
   * The command class.
   *
   * @return the command record's class name
   */
  public ClassName commandType() {
    return arguments.type();
  }
}
