package dev.spindle.examples.amp;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.ErrorCode;
import dev.spindle.amp.command.Request;

/**
 * Twisted's {@code ampserver.py} example: {@code Divide(numerator, denominator) -> result}, with
 * Python's {@code ZeroDivisionError} declared as {@code ZERO_DIVISION} (an {@link
 * ArithmeticException} in Java).
 */
@Command(errors = @ErrorCode(code = "ZERO_DIVISION", type = ArithmeticException.class))
public record Divide(long numerator, long denominator) implements Request<Divide.Result> {
  /** The quotient, as a float. */
  public record Result(double result) {}
}
