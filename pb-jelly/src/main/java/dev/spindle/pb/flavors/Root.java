package dev.spindle.pb.flavors;

/**
 * The object a PB server publishes under the name {@code root} on every connection. Twisted
 * equivalent: {@code pb.Root} ({@code IPBRoot}).
 *
 * <p>The server calls {@link #rootObject} once per connection, on that connection's event loop,
 * before anything is read; the returned {@link Referenceable} is what the client's {@code
 * getRootObject()} reaches. The default returns this object, shared by all connections.
 */
public interface Root extends Referenceable {
  /**
   * Returns the root object for {@code connection} (a {@code dev.spindle.pb.PbConnection}), for
   * example a per-connection object that can call the client back. Default: {@code this}.
   *
   * @param connection the connection the root object is published on
   * @return the object the peer receives as the root; by default this one
   */
  default Object rootObject(PeerConnection connection) {
    return this;
  }
}
