package test;

import dev.spindle.amp.command.Argument;
import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

/** A command declared as a class, answered with a class. */
@Command
public class Ping implements Request<Ping.Pong> {
  @Argument private final String text;
  @Argument(name = "times") final int count;

  public Ping(String text, int count) {
    this.text = text;
    this.count = count;
  }

  public String text() {
    return text;
  }

  /** The answer. */
  public static class Pong {
    @Argument(optional = true) private final String echo;

    public Pong(String echo) {
      this.echo = echo;
    }

    public String getEcho() {
      return echo;
    }
  }
}
