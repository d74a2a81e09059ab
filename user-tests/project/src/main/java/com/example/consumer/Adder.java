package com.example.consumer;

import dev.spindle.amp.command.Responder;

/** Answers {@link Add}; the processor writes {@code Adder_AmpLocator} from it. */
public class Adder {
  @Responder
  Add.Result add(Add request) {
    return new Add.Result(request.a() + request.b());
  }
}
