package dev.spindle.benchmarks;

import dev.spindle.amp.command.Responder;

/** Answers {@link Sum}. */
public class SumResponder {
  @Responder
  Sum.Result sum(Sum request) {
    return new Sum.Result(request.a() + request.b());
  }
}
