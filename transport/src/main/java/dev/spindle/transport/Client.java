package dev.spindle.transport;

import dev.spindle.transport.internal.ClientEndpoint;
import dev.spindle.transport.internal.Closing;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What AMP's {@code AmpClient} and PB's {@code PbClient} are: the owner of the connections they
 * open, on the user's event loops or else on the ones all clients of the JVM share (daemon
 * threads). Closing a client closes its connections. Each protocol adds how a connection is set up ({@link #open}). Thread-safe.
 */
public abstract class Client implements AutoCloseable {
  private final String name;
  private final ClientEndpoint endpoint;

  /**
   * @param name for log lines and the channel group
   * @param group the user's event loops, or null for the event loops clients share
   */
  protected Client(String name, EventLoopGroup group) {
    this(name, group, IoTransport.AUTO);
  }

  /**
   * @param name for log lines and the channel group
   * @param group the user's event loops, or null for the event loops clients share
   * @param transport the I/O transport of the shared loops used when {@code group} is null
   * @throws IllegalStateException if {@code transport} is forced but not available here
   */
  protected Client(String name, EventLoopGroup group, IoTransport transport) {
    this.name = name;
    this.endpoint = new ClientEndpoint(name, group, transport);
  }

  /** The event loops the connections run on (the reconnecting clients schedule on them). */
  EventLoopGroup group() {
    return endpoint.group();
  }

  /**
   * Opens a connection to {@code host}:{@code port} (a host name is looked up off the event
   * loops). {@code init} builds the new channel's pipeline on its event loop, before the channel is
   * active, and returns the protocol's connection; the future completes with it once TCP is
   * connected and, with TLS from the first byte, the handshake done.
   *
   * @param <C> the protocol's connection type
   * @param host the host name or address literal to connect to; not null
   * @param port the server's TCP port
   * @param init sets up the channel's pipeline and returns the connection; runs on the event loop
   * @param error makes the protocol's "connection lost" (the connect failed or the client is
   *     closed)
   * @param tlsError makes the protocol's TLS handshake failure
   * @return a future that completes with the connection, or exceptionally with {@code error}'s or
   *     {@code tlsError}'s exception
   */
  protected final <C> CompletableFuture<C> open(
      String host,
      int port,
      Function<Channel, C> init,
      BiFunction<String, Throwable, RuntimeException> error,
      BiFunction<String, Throwable, RuntimeException> tlsError) {
    AtomicReference<C> connection = new AtomicReference<>();
    return endpoint.connect(host, port, ch -> connection.set(init.apply(ch)), error, tlsError)
        .thenApply(ch -> connection.get());
  }

  /**
   * Closes every connection this client opened (their pending calls fail with the protocol's
   * "connection lost": {@code AmpConnectionLostException}, {@code PbConnectionLostException}) and
   * gives back the event loops clients share (the last client to close shuts them down). A
   * user-supplied group is left running.
   * Later {@code connect} calls fail. Blocks until done, at most 10 seconds (as a server); do not
   * call it on one of the client's event loops. Idempotent.
   */
  @Override
  public void close() {
    Closing.await(name, closeAsync());
  }

  /**
   * Like {@link #close()}, without blocking. Thread-safe and idempotent.
   *
   * @return a stage that completes once every connection is closed and the loops given back
   */
  public CompletionStage<Void> closeAsync() {
    return endpoint.closeAsync();
  }
}
