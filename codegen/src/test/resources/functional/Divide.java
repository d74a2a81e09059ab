package test;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.ErrorCode;
import dev.spindle.amp.command.Request;

/** Declared errors and fatal errors. */
@Command(
    errors = {
      @ErrorCode(code = "ZERO_DIVISION", type = ArithmeticException.class),
      @ErrorCode(code = "BAD_STATE", type = IllegalStateException.class),
    },
    fatalErrors = @ErrorCode(code = "BROKEN", type = java.io.IOException.class))
public record Divide(long numerator, long denominator) implements Request<Divide.Result> {
  public record Result(double result) {}
}
