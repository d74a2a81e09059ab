package dev.spindle.pb.broker;

import dev.spindle.pb.flavors.PeerConnection;
import java.util.Objects;
import java.util.function.Function;

/**
 * Lets the layers above {@code dev.spindle.pb} (the pagers of {@code dev.spindle.pb.util}) reach a
 * connection's {@link Broker} without a public accessor on {@code PbConnection}: the JDK's {@code
 * SharedSecrets} pattern, as {@code FlavorAccess}. {@code PbConnection} installs the lookup when
 * its class initializes, which has happened once any connection exists. Not exported.
 *
 * <p>Thread-safe.
 */
public final class BrokerAccess {
  private static volatile Function<PeerConnection, Broker> lookup;

  private BrokerAccess() {}

  /** Installed by {@code PbConnection}'s static initializer. */
  public static void setLookup(Function<PeerConnection, Broker> lookup) {
    BrokerAccess.lookup = Objects.requireNonNull(lookup, "lookup");
  }

  /**
   * The broker of {@code connection}.
   *
   * @throws IllegalStateException if the connection has no broker (it is not a {@code
   *     PbConnection})
   */
  public static Broker brokerOf(PeerConnection connection) {
    Function<PeerConnection, Broker> l = lookup;
    Broker b = l == null ? null : l.apply(connection);
    if (b == null) {
      throw new IllegalStateException("connection: " + connection + " (expected: a PbConnection with its broker)");
    }
    return b;
  }
}
