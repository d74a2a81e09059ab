package dev.spindle.cli.demo;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.ErrorCode;
import dev.spindle.amp.command.Request;

/**
 * Twisted's {@code ampserver.py} command: {@code Divide(numerator, denominator) -> result}, with
 * {@code ZeroDivisionError} as {@code ZERO_DIVISION}.
 */
@Command(errors = @ErrorCode(code = "ZERO_DIVISION", type = ArithmeticException.class))
public record Divide(long numerator, long denominator) implements Request<Divide.Result> {
  /** The quotient. */
  public record Result(double result) {}
}
