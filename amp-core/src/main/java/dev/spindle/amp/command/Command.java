package dev.spindle.amp.command;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an AMP command: a record (or a class with a constructor taking its {@link Argument}
 * fields in order) that implements {@link Request}{@code <R>}, where {@code R} is the response
 * record ({@link Void} for an empty response).
 *
 * <p>The {@code spindle-codegen} annotation processor compiles each command into a {@link
 * CommandSpec} named {@code <Command>_AmpSerializer} beside it. Mistakes (an unsupported field
 * type, a duplicate or over-long wire key, an error without a code) are compile errors on the
 * offending element.
 *
 * <pre>{@code
 * @Command(errors = @ErrorCode(code = "ZERO_DIVISION", type = ArithmeticException.class))
 * public record Divide(long numerator, long denominator) implements Request<Divide.Result> {
 *   public record Result(double result) {}
 * }
 * }</pre>
 *
 * <p>Twisted equivalent: a subclass of {@code twisted.protocols.amp.Command}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Command {
  /**
   * The command name on the wire; the class's simple name if empty (as in Twisted).
   *
   * @return the wire name, or empty for the class's simple name
   */
  String name() default "";

  /**
   * Whether the caller wants an answer. If false the command box has no {@code _ask}, the call
   * completes once the box is written, and the responder sends nothing back.
   *
   * @return false for a command answered by nothing
   */
  boolean requiresAnswer() default true;

  /**
   * How the wire keys of the arguments and response values (and of {@code AmpList} rows) derive
   * from their Java names when {@link Argument#name()} does not set them; by default the
   * package's {@link CommandNaming}, else the Java names as they are.
   *
   * @return the naming of wire keys, {@link Naming#PACKAGE_DEFAULT} by default
   */
  Naming naming() default Naming.PACKAGE_DEFAULT;

  /**
   * Exceptions sent as error codes; the connection stays open.
   *
   * @return the declared non-fatal errors, none by default
   */
  ErrorCode[] errors() default {};

  /**
   * Exceptions sent as error codes, after which the responder closes the connection.
   *
   * @return the declared fatal errors, none by default
   */
  ErrorCode[] fatalErrors() default {};
}
