package dev.spindle.cli.demo;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

/** Twisted's {@code ampserver.py} command: {@code Sum(a, b) -> total}. */
@Command
public record Sum(long a, long b) implements Request<Sum.Result> {
  /** The total. */
  public record Result(long total) {}
}
