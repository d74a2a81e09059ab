package dev.spindle.examples.ops;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

/** Answers at once, from the event loop. */
@Command
public record Ping(String text) implements Request<Ping.Result> {
  /** The text sent. */
  public record Result(String text) {}
}
