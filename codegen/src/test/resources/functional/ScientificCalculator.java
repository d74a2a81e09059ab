package test;

import dev.spindle.amp.command.Responder;

/** Adds a responder; the inherited ones are found through Calculator_AmpLocator. */
public class ScientificCalculator extends Calculator {
  @Responder
  Ping.Pong ping(Ping request) {
    calls.add("ping " + request.text());
    return new Ping.Pong(request.text().repeat(request.count));
  }
}
