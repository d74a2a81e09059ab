package dev.spindle.amp.testing;

import dev.spindle.amp.box.AmpBox;
import dev.spindle.amp.box.AmpKeys;
import dev.spindle.amp.locator.BoxResponder;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.amp.runtime.Responders;
import dev.spindle.amp.testing.GoldenCommands.Divide;
import dev.spindle.amp.testing.GoldenCommands.FatalProblem;
import dev.spindle.amp.testing.GoldenCommands.Sum;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * The responder side of the golden transcripts: a box-level equivalent of {@code GoldenServer} in
 * {@code shared/vectors/generate.py}.
 *
 * <ul>
 *   <li>{@code Sum}, {@code Divide}, {@code Explode}, {@code Notify}: typed responders over the
 *       hand-written {@link GoldenCommands} specs, run through {@link Responders} as generated
 *       locators run them. Divide raises {@code ArithmeticException("division by zero")}, the
 *       text of Python's {@code ZeroDivisionError}.
 *   <li>{@code Everything}: Twisted parses all fourteen arguments and serializes them back. Here
 *       the box is echoed without {@code _ask} and {@code _command}, which gives the same bytes
 *       for the recorded values (every value Twisted re-serializes comes out unchanged, and the
 *       absent optional stays absent); the typed argument types are tested elsewhere.
 *   <li>Anything else: Twisted's fallback {@code amp_ + NAME.upper()}; only {@code amp_PING}
 *       exists, answering {@code pong = payload}.
 * </ul>
 *
 * <p>{@link #notified} records the last Notify message.
 */
public final class GoldenServer implements CommandLocator {
  /** The last Notify message, as {@code self.notified} in generate.py. */
  public volatile String notified;

  @Override
  public BoxResponder locateResponder(String commandName) {
    switch (commandName) {
      case "Sum":
        return box -> Responders.respond(GoldenCommands.SUM, box, c -> new Sum.Result(c.a() + c.b()));
      case "Divide":
        return box -> Responders.respond(GoldenCommands.DIVIDE, box, GoldenServer::divide);
      case "Explode":
        return box -> Responders.respond(GoldenCommands.EXPLODE, box, c -> explode(c.how()));
      case "Notify":
        return box ->
            Responders.respond(
                GoldenCommands.NOTIFY,
                box,
                c -> {
                  notified = c.message();
                  return null;
                });
      case "Everything":
        return GoldenServer::echo;
      default:
        break;
    }
    if (commandName.toUpperCase(Locale.ROOT).equals("PING")) {
      return box -> CompletableFuture.completedFuture(new AmpBox().put("pong", box.get("payload")));
    }
    return null;
  }

  private static Divide.Result divide(Divide c) {
    if (c.denominator() == 0) {
      throw new ArithmeticException("division by zero");
    }
    return new Divide.Result((double) c.numerator() / c.denominator());
  }

  private static Void explode(String how) {
    if (how.equals("declared")) {
      throw new IllegalArgumentException("a declared error");
    }
    if (how.equals("fatal")) {
      throw new FatalProblem("a fatal error");
    }
    throw new IllegalStateException("an undeclared error");
  }

  private static CompletableFuture<AmpBox> echo(AmpBox request) {
    AmpBox answer = request.copy();
    answer.remove(AmpKeys.ASK);
    answer.remove(AmpKeys.COMMAND);
    return CompletableFuture.completedFuture(answer);
  }
}
