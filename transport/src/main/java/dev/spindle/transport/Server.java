package dev.spindle.transport;

import dev.spindle.transport.internal.Closing;
import dev.spindle.transport.internal.ServerEndpoint;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * What AMP's {@code AmpServer} and PB's {@code PbServer} are: a bound TCP port, the connections
 * accepted on it and, unless given an event-loop group, their event loops. Closing a server stops
 * listening and closes them all. Each protocol adds how an accepted connection is set up.
 * Thread-safe.
 */
public abstract class Server implements AutoCloseable {
  private final String name;
  private final ServerEndpoint endpoint;

  /**
   * Binds {@code address} and starts accepting; blocks until bound.
   *
   * @param name for {@link #toString()}, log lines and the channel group
   * @param group the user's event loops, or null for the server's own
   * @param address the local address to bind; port 0 for any free port
   * @param init builds each accepted channel's pipeline, on its event loop
   * @param error makes the protocol's exception
   * @throws RuntimeException {@code error(message, cause)} if the address cannot be bound
   */
  protected Server(
      String name,
      EventLoopGroup group,
      InetSocketAddress address,
      Consumer<Channel> init,
      BiFunction<String, Throwable, RuntimeException> error) {
    this(name, group, IoTransport.AUTO, address, init, error);
  }

  /**
   * {@link #Server(String, EventLoopGroup, InetSocketAddress, Consumer, BiFunction)}, with the I/O
   * transport of the server's own event loops when {@code group} is null.
   *
   * @param name for {@link #toString()}, log lines and the channel group
   * @param group the user's event loops, or null for the server's own
   * @param transport the I/O transport of the server's own event loops; ignored with a {@code
   *     group}
   * @param address the local address to bind; port 0 for any free port
   * @param init builds each accepted channel's pipeline, on its event loop
   * @param error makes the protocol's exception
   * @throws RuntimeException {@code error(message, cause)} if the address cannot be bound
   */
  protected Server(
      String name,
      EventLoopGroup group,
      IoTransport transport,
      InetSocketAddress address,
      Consumer<Channel> init,
      BiFunction<String, Throwable, RuntimeException> error) {
    this.name = name;
    this.endpoint = ServerEndpoint.bind(name, group, transport, address, init, error);
  }

  /**
   * The bound address.
   *
   * @return the local address the server listens on, with the actual port
   */
  public InetSocketAddress address() {
    return (InetSocketAddress) endpoint.address();
  }

  /**
   * The bound port (useful after binding port 0).
   *
   * @return the local port, 1 to 65535
   */
  public int port() {
    return address().getPort();
  }

  /**
   * Stops listening, closes every connection it accepted (their pending calls fail with the
   * protocol's "connection lost": {@code AmpConnectionLostException}, {@code
   * PbConnectionLostException}) and, if the server created its own event loops, shuts them down.
   * Blocks until done, at most 10 seconds; do not call it on one of the server's event loops.
   * Idempotent.
   */
  @Override
  public void close() {
    Closing.await(name, closeAsync());
  }

  /**
   * Like {@link #close()}, without blocking. Thread-safe and idempotent.
   *
   * @return a stage that completes once the server and its connections are closed
   */
  public CompletionStage<Void> closeAsync() {
    return endpoint.closeAsync();
  }

  @Override
  public String toString() {
    return name + "{" + endpoint.address() + "}";
  }
}
