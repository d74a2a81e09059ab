package dev.spindle.amp.command;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Maps an exception class to an AMP error code, in {@link Command#errors()} or {@link
 * Command#fatalErrors()}.
 *
 * <p>On the responder side an exception that is an instance of {@link #type()} (or a subclass) is
 * sent as {@link #code()} with its message as description. On the caller side the code comes back
 * as a new {@link #type()} built with the description, so the type needs a public constructor
 * taking one {@code String}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({})
public @interface ErrorCode {
  /**
   * The error code on the wire (ASCII, 1 to 255 bytes).
   *
   * @return the error code; required: the processor reports an empty one
   */
  String code() default "";

  /**
   * The exception type. It must be an {@link Exception} with a public {@code (String)}
   * constructor; the processor reports anything else.
   *
   * @return the exception type sent and rebuilt under {@link #code()}
   */
  Class<? extends Throwable> type();
}
