package dev.spindle.transport;

import java.util.Objects;

/**
 * What the builders of AMP's and PB's clients and servers share: the connections' time limits
 * and the server's memory budget ({@link TransportOptions}). Not thread-safe.
 *
 * @param <B> the concrete builder, returned by each setter
 */
public abstract class EndpointBuilder<B extends EndpointBuilder<B>> {
  /** The options set so far. */
  protected TransportOptions transportOptions = TransportOptions.DEFAULT;

  /** For subclasses. */
  protected EndpointBuilder() {}

  /**
   * The connections' handshake, frame and idle timeouts and, on a server, the memory budget for
   * unfinished frames; default {@link TransportOptions#DEFAULT} (see there for the values and
   * why). Each limit closes only the slow connection; each is turned off with zero.
   *
   * <pre>{@code
   * .transportOptions(TransportOptions.builder().idleTimeout(Duration.ofMinutes(10)).build())
   * }</pre>
   */
  public B transportOptions(TransportOptions options) {
    this.transportOptions = Objects.requireNonNull(options, "options");
    return self();
  }

  /** The options set so far. */
  public TransportOptions transportOptions() {
    return transportOptions;
  }

  /** This builder, as its concrete type. */
  @SuppressWarnings("unchecked")
  protected final B self() {
    return (B) this;
  }
}
