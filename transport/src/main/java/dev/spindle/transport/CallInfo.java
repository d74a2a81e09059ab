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
    /** The value of {@code key} in the call, or null. */
    String get(String key);

    /** Adds {@code key} to the call (client side, before it is sent). */
    void put(String key, String value);
  }

  /** {@value #AMP} or {@value #PB}. */
  public String system() {
    return system;
  }

  /** Client or server side. */
  public Side side() {
    return side;
  }

  /**
   * The service: PB the class of the object called (its simple name; on the client side {@code
   * "remote"}); AMP has none and gives {@code "amp"}.
   */
  public String service() {
    return service;
  }

  /** The AMP command name or the PB method name (without {@code remote_}). */
  public String method() {
    return method;
  }

  /** The arguments (see the class comment). */
  public Object arguments() {
    return arguments;
  }

  /** PB's keyword arguments; empty for AMP. */
  public Map<String, ?> keywords() {
    return keywords;
  }

  /** PB's positional arguments as a list, or an empty list for AMP. */
  public List<?> positional() {
    return arguments instanceof List<?> l ? l : List.of();
  }

  /** The connection the call travels on. */
  public ConnectionInfo connection() {
    return connection;
  }

  /** The peer's address. */
  public SocketAddress peer() {
    return connection.peer();
  }

  /** The protocol's connection object ({@code AmpConnection}, {@code PbConnection}). */
  public Object protocolConnection() {
    return protocolConnection;
  }

  /** AMP's extra keys; null for PB (it has no room for them). */
  public Headers headers() {
    return headers;
  }

  /** {@link System#nanoTime()} when the call was seen (read or made). */
  public long startNanos() {
    return startNanos;
  }

  @Override
  public String toString() {
    return system + " " + side + " " + service + "/" + method + " on " + connection;
  }
}
