package dev.spindle.benchmarks.attacks;

import dev.spindle.amp.command.Responder;
import dev.spindle.benchmarks.Sum;

/** Answers {@link Sum} for {@link AttackLoad}'s AMP server (its locator is generated). */
public class Summer {
  @Responder
  Sum.Result sum(Sum s) {
    return new Sum.Result(s.a() + s.b());
  }
}
