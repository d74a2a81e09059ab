package test;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

@Command
public record Sum(long a, long b) implements Request<Sum.Result> {
  public record Result(long total) {}
}
