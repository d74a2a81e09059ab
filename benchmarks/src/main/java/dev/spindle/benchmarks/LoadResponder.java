package dev.spindle.benchmarks;

import dev.spindle.amp.command.Responder;

/** Answers the AMP load commands, {@link Sum} and {@link Echo}. */
public class LoadResponder {
  @Responder
  Sum.Result sum(Sum request) {
    return new Sum.Result(request.a() + request.b());
  }

  @Responder
  Echo.Result echo(Echo request) {
    return new Echo.Result(request.value());
  }
}
