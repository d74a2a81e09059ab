package dev.spindle.transport;

import java.net.SocketAddress;
import java.util.List;
import java.util.Map;

/**
 * One call as a {@link CallInterceptor} sees it. The protocol fills it; thread-safe to read.
 *
 * <p>Arguments: AMP gives the command's box ({@code AmpBox}: on the server side as received, on
 * the client side as it will be sent, so an interceptor may add a key to it); PB gives the
 * positional arguments as a list and the keywords as a map, as received (server) or as given
 * (client).
 */
public final class CallInfo {
  /** Which side of the call this is. */
  public enum Side {
    /** This side makes the call. */
    CLIENT,
    /** The peer made the call; this side answers it. */
    SERVER
  }

  /** {@link #system()} of AMP, as OpenTelemetry's {@code rpc.system}. */
  public static final String AMP = "twisted_amp";
  /** {@link #system()} of PB, as OpenTelemetry's {@code rpc.system}. */
  public static final String PB = "twisted_pb";

  private final String system;
  private final Side side;
  private final String service;
  private final String method;
  private final Object arguments;
  private final Map<String, ?> keywords;
  private final ConnectionInfo connection;
  private final Object protocolConnection;
  private final Headers headers;
  private final long startNanos;

  /**
   * For the protocols.
   *
   * @param system {@value #AMP} or {@value #PB}
   * @param side which side of the call this is
   * @param service the service name, as {@link #service()} describes
   * @param method the command or method name, as {@link #method()} describes
   * @param arguments AMP's box or PB's positional arguments (see the class comment)
   * @param keywords PB's keyword arguments, or null for none
   * @param connection the connection the call travels on
   * @param protocolConnection the protocol's connection object
   * @param headers AMP's extra keys, or null (PB has none)
   */
  public CallInfo(String system, Side side, String service, String method, Object arguments,
      Map<String, ?> keywords, ConnectionInfo connection, Object protocolConnection, Headers headers) {
    this.system = system;
    this.side = side;
    this.service = service;
    this.method = method;
    this.arguments = arguments;
    this.keywords = keywords == null ? Map.of() : keywords;
    this.connection = connection;
    this.protocolConnection = protocolConnection;
    this.headers = headers;
    this.startNanos = System.nanoTime();
  }

  /** Extra string keys carried with a call, where the protocol has room for them (AMP). */
  public interface Headers {
    /**
     * The value of {@code key} in the call, or null.
     *
     * @param key the key as it appears in the box; not null
     * @return the value, or null if the call has no such key
     */
    String get(String key);

    /**
     * Adds {@code key} to the call (client side, before it is sent).
     *
     * @param key the key to add, which must not clash with the command's own arguments; not null
     * @param value the value; not null
     */
    void put(String key, String value);
  }

  /**
   * {@value #AMP} or {@value #PB}.
   *
   * @return the protocol's name as OpenTelemetry's {@code rpc.system}
   */
  public String system() {
    return system;
  }

  /**
   * Client or server side.
   *
   * @return {@link Side#CLIENT} for a call this side makes, {@link Side#SERVER} for the peer's
   */
  public Side side() {
    return side;
  }

  /**
   * The service: PB the class of the object called (its simple name; on the client side {@code
   * "remote"}); AMP has none and gives {@code "amp"}.
   *
   * @return the service name, never null
   */
  public String service() {
    return service;
  }

  /**
   * The AMP command name or the PB method name (without {@code remote_}).
   *
   * @return the command or method name, never null
   */
  public String method() {
    return method;
  }

  /**
   * The arguments (see the class comment).
   *
   * @return an {@code AmpBox} (AMP) or a {@code List} (PB)
   */
  public Object arguments() {
    return arguments;
  }

  /**
   * PB's keyword arguments; empty for AMP.
   *
   * @return the keyword arguments, never null
   */
  public Map<String, ?> keywords() {
    return keywords;
  }

  /**
   * PB's positional arguments as a list, or an empty list for AMP.
   *
   * @return the positional arguments, never null
   */
  public List<?> positional() {
    return arguments instanceof List<?> l ? l : List.of();
  }

  /**
   * The connection the call travels on.
   *
   * @return the connection's description
   */
  public ConnectionInfo connection() {
    return connection;
  }

  /**
   * The peer's address.
   *
   * @return the peer's address, as {@link ConnectionInfo#peer()} gives it
   */
  public SocketAddress peer() {
    return connection.peer();
  }

  /**
   * The protocol's connection object ({@code AmpConnection}, {@code PbConnection}).
   *
   * @return the connection object, to be cast by interceptors that know the protocol
   */
  public Object protocolConnection() {
    return protocolConnection;
  }

  /**
   * AMP's extra keys; null for PB (it has no room for them).
   *
   * @return the headers of an AMP call, or null
   */
  public Headers headers() {
    return headers;
  }

  /**
   * {@link System#nanoTime()} when the call was seen (read or made).
   *
   * @return a {@link System#nanoTime()} reading, comparable only with others of this JVM
   */
  public long startNanos() {
    return startNanos;
  }

  @Override
  public String toString() {
    return system + " " + side + " " + service + "/" + method + " on " + connection;
  }
}
