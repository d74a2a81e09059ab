package dev.spindle.pb;

import dev.spindle.pb.exceptions.PbTimeoutException;
import dev.spindle.pb.broker.Broker;
import dev.spindle.transport.internal.TimedCall;
import dev.spindle.transport.internal.TransportHandler;
import java.time.Duration;

/**
 * One call waiting for its answer: the caller's future and the broker's callback; its request id,
 * deadline and cancellation are the shared {@link TimedCall}'s.
 */
final class PbCall extends TimedCall<Object> implements Broker.PendingCall {
  private final PbConnection connection;
  private final String method;
  private final long timeoutNanos;

  PbCall(PbConnection connection, String method, long timeoutNanos) {
    this.connection = connection;
    this.method = method;
    this.timeoutNanos = timeoutNanos;
  }

  /** Just sent by the broker under its last request id: starts the timer. Event loop. */
  void sent(Broker broker, long deadline) {
    sent(connection.handler().channel().eventLoop(), broker.lastRequestId(), deadline);
  }

  @Override
  protected boolean abandon(long requestId) {
    return connection.broker().abandon(requestId, this);
  }

  @Override
  protected Throwable timedOut() {
    return new PbTimeoutException(method, Duration.ofNanos(timeoutNanos));
  }

  @Override
  protected TransportHandler transport() {
    return connection.handler().handler();
  }

  @Override
  public void answered(Object result) {
    settled();
    complete(result);
  }

  @Override
  public void failed(Throwable failure) {
    settled();
    completeExceptionally(failure);
  }
}
