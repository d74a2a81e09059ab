package dev.spindle.benchmarks;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

/**
 * {@code Echo(value: String) -> value: String}, the AMP throughput shape (a 60 KiB value in the
 * load tool).
 */
@Command
public record Echo(byte[] value) implements Request<Echo.Result> {
  /** The same bytes. */
  public record Result(byte[] value) {}
}
