package test;

import dev.spindle.amp.command.Responder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Responders of every kind; {@link #get} lists the calls it received. */
public class Calculator implements Supplier<List<String>> {
  final List<String> calls = new ArrayList<>();

  @Responder
  Divide.Result divide(Divide request) throws IOException {
    calls.add("divide " + request.numerator() + "/" + request.denominator());
    if (request.denominator() == 0) {
      throw new ArithmeticException("division by zero");
    }
    if (request.denominator() < 0) {
      throw new IOException("negative");
    }
    return new Divide.Result((double) request.numerator() / request.denominator());
  }

  @Responder
  CompletableFuture<Sum.Result> sum(Sum request) {
    calls.add("sum " + request.a() + "+" + request.b());
    return CompletableFuture.completedFuture(new Sum.Result(request.a() + request.b()));
  }

  @Responder
  void reset(Reset request) {
    calls.add("reset");
  }

  @Override
  public List<String> get() {
    return calls;
  }
}
