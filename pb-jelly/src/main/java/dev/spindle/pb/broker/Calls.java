package dev.spindle.pb.broker;

import java.util.concurrent.CompletableFuture;

/** Adapts a {@link CompletableFuture} to a {@link Broker.PendingCall}. */
final class Calls {
  private Calls() {}

  static Broker.PendingCall of(CompletableFuture<Object> future) {
    return new Broker.PendingCall() {
      @Override
      public void answered(Object result) {
        future.complete(result);
      }

      @Override
      public void failed(Throwable failure) {
        future.completeExceptionally(failure);
      }
    };
  }
}
