package dev.spindle.examples.ops;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

/** Changes the inventory: only for users allowed to write. */
@Command
public record Restock(String key, long count) implements Request<Restock.Result> {
  /** The new count. */
  public record Result(long count) {}
}
