package com.example.consumer;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

/** An AMP command, as Twisted declares {@code class Add(amp.Command)}. */
@Command
public record Add(long a, long b) implements Request<Add.Result> {
  /** The answer. */
  public record Result(long total) {}
}
