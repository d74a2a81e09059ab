package dev.spindle.cli.demo;

import dev.spindle.amp.command.Responder;

/** Answers {@link Sum} and {@link Divide}, as {@code ampserver.py} does. */
public final class Calculator {
  @Responder
  Sum.Result sum(Sum request) {
    return new Sum.Result(Math.addExact(request.a(), request.b()));
  }

  @Responder
  Divide.Result divide(Divide request) {
    if (request.denominator() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return new Divide.Result((double) request.numerator() / request.denominator());
  }
}
