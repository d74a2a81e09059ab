package dev.spindle.benchmarks.soak;

import dev.spindle.amp.command.Responder;
import dev.spindle.benchmarks.Sum;
import java.util.concurrent.atomic.LongAdder;

/** Answers {@link Sum} for {@link SoakServer}, counting the calls it answers. */
public class CountingSumResponder {
  private final LongAdder answered;

  CountingSumResponder(LongAdder answered) {
    this.answered = answered;
  }

  @Responder
  Sum.Result sum(Sum request) {
    answered.increment();
    return new Sum.Result(request.a() + request.b());
  }
}
