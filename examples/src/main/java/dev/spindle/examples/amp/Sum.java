package dev.spindle.examples.amp;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

/** Twisted's {@code ampserver.py} example: {@code Sum(a, b) -> total}. */
@Command
public record Sum(long a, long b) implements Request<Sum.Result> {
  /** The total. */
  public record Result(long total) {}
}
