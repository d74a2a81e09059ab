package dev.spindle.benchmarks;

import dev.spindle.amp.command.Responder;
import java.util.concurrent.atomic.LongAdder;

/** Answers the AMP load commands, {@link Sum} and {@link Echo}, and counts the calls. */
public class LoadResponder {
  private final LongAdder calls = new LongAdder();

  @Responder
  Sum.Result sum(Sum request) {
    calls.increment();
    return new Sum.Result(request.a() + request.b());
  }

  @Responder
  Echo.Result echo(Echo request) {
    calls.increment();
    return new Echo.Result(request.value());
  }

  /** Calls answered so far. */
  long calls() {
    return calls.sum();
  }
}
