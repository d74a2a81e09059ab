package dev.spindle.benchmarks;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

/** {@code Sum(a: Integer, b: Integer) -> total: Integer}, the AMP load shape. */
@Command
public record Sum(long a, long b) implements Request<Sum.Result> {
  /** The total. */
  public record Result(long total) {}
}
