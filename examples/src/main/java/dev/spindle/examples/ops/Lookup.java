package dev.spindle.examples.ops;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

/** Looks a key up in the (slow) inventory database. */
@Command
public record Lookup(String key) implements Request<Lookup.Result> {
  /** The value found. */
  public record Result(String value) {}
}
