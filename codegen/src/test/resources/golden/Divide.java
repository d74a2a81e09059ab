package test;

import dev.spindle.amp.command.Argument;
import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.ErrorCode;
import dev.spindle.amp.command.Request;

@Command(errors = @ErrorCode(code = "ZERO_DIVISION", type = ArithmeticException.class))
public record Divide(@Argument long numerator, @Argument long denominator)
    implements Request<Divide.Result> {
  public record Result(@Argument double result) {}
}
