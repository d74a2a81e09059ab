package test;

import dev.spindle.amp.command.Responder;
import java.util.concurrent.CompletableFuture;

public class Calculator {
  @Responder
  Divide.Result divide(Divide request) {
    return new Divide.Result((double) request.numerator() / request.denominator());
  }

  @Responder
  CompletableFuture<Sum.Result> sum(Sum request) {
    return CompletableFuture.completedFuture(new Sum.Result(request.a() + request.b()));
  }

  @Responder
  void reset(Reset request) {}
}
