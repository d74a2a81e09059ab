package dev.spindle.pb;

import dev.spindle.cred.Portal;
import dev.spindle.cred.throttle.LoginThrottle;
import dev.spindle.cred.throttle.ThrottledPortal;
import dev.spindle.pb.banana.BananaRole;
import dev.spindle.pb.broker.Kind;
import dev.spindle.pb.broker.Methods;
import dev.spindle.pb.exceptions.PbException;
import dev.spindle.pb.flavors.PeerConnection;
import dev.spindle.pb.flavors.Referenceable;
import dev.spindle.pb.login.PortalLogin;
import dev.spindle.pb.login.PortalRoot;
import dev.spindle.transport.Server;
import dev.spindle.transport.IoTransport;
import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;

/**
 * A Perspective Broker server listening on a TCP port, publishing a root object on every
 * connection.
 *
 * <pre>{@code
 * PbServer server = PbServer.builder()
 *     .root(new Calculator())          // a Root or Referenceable: remote_add(long a, long b) ...
 *     .bind("127.0.0.1", 8787)
 *     .start();
 * ...
 * server.close();
 * }</pre>
 *
 * <p>To log clients in through cred instead, publish a portal: {@code
 * PbServer.builder().portal(new Portal(realm, checkers))}; clients then call {@code
 * PbClient.login} (or Twisted's {@code PBClientFactory.login}) and get the realm's avatar (see
 * {@link PortalRoot}).
 *
 * <p>Each accepted connection gets its own broker, confined to one event loop; Twisted clients
 * ({@code PBClientFactory}) and {@link PbClient} connect alike. Thread-safe. Twisted equivalent:
 * {@code PBServerFactory(root)} listening with {@code reactor.listenTCP}.
 */
public final class PbServer extends Server {
  /**
   * Failed logins per client IP address answered without delay by the default throttle of {@link
   * Builder#portal(Portal)}: 5 (within 15 minutes, a success resetting the count).
   */
  public static final int DEFAULT_FREE_LOGIN_FAILURES = 5;

  /** The throttle the server made for its portal, closed with it; null if none. */
  private final LoginThrottle ownedThrottle;

  private PbServer(InetSocketAddress address, EventLoopGroup group, IoTransport transport,
      PbSetup setup, LoginThrottle ownedThrottle) {
    super("PbServer", group, transport, address, setup::initAccepted, PbException::new);
    this.ownedThrottle = ownedThrottle;
  }

  /**
   * Returns a new builder.
   *
   * @return a new builder with the defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /** As the server's, and closes the login throttle it made (if any) once closed. */
  @Override
  public CompletionStage<Void> closeAsync() {
    CompletionStage<Void> done = super.closeAsync();
    return ownedThrottle == null ? done : done.whenComplete((v, t) -> ownedThrottle.close());
  }

  /** Builds a {@link PbServer}. Not thread-safe. */
  public static final class Builder extends PbEndpointBuilder<Builder> {
    private String host = "127.0.0.1";
    private int port;
    private Object root;
    /** Set by {@link #portal(Portal)}: throttled at {@link #start()} unless turned off. */
    private Portal portal;
    private LoginThrottle loginThrottle;
    private boolean throttleLogins = true;
    private BiFunction<PortalRoot, PeerConnection, ? extends PortalLogin> loginObject;

    private Builder() {}

    /**
     * The object published as {@code root} on each connection: a {@link
     * dev.spindle.pb.flavors.Root}, whose {@code rootObject(connection)} is published, or any
     * {@link Referenceable}. Its remote methods are checked now.
     *
     * @param root a {@link dev.spindle.pb.flavors.Root} or any {@link Referenceable}
     * @return this builder
     * @throws IllegalArgumentException if it is not a Referenceable, or its class cannot be called
     *     (two methods for one remote name, a misplaced {@code @Keywords})
     */
    public Builder root(Object root) {
      Objects.requireNonNull(root, "root");
      if (!(root instanceof Referenceable)) {
        throw new IllegalArgumentException("root: " + root.getClass().getName()
            + " (expected: a Root or Referenceable)");
      }
      Methods.check(root.getClass(), Kind.REMOTE);
      this.root = root;
      this.portal = null;
      return this;
    }

    /**
     * Publishes a login object for {@code portal} as the root, so that clients log in with
     * Twisted's challenge-response or anonymously and get the realm's {@link
     * dev.spindle.pb.login.Perspective} avatar: same as {@code root(PortalRoot.of(portal))}. See
     * {@link PortalRoot} for the wire, logout and failures. Twisted: {@code
     * PBServerFactory(portal)}.
     *
     * <p><b>Anonymous login</b> ({@code loginAnonymous(mind)}, Twisted's {@code
     * factory.login(credentials.Anonymous())}, Spindle's {@code
     * client.login(host, port, Anonymous.INSTANCE, mind)}) is answered when the portal has a
     * checker for anonymous credentials: {@code new Portal(realm, users, new
     * AllowAnonymousAccess())}; the realm then sees the avatar id {@code AvatarId.ANONYMOUS}.
     * Without one it fails with {@code UnhandledCredentials}.
     *
     * <p><b>Throttled by default</b>: the server wraps the portal in a {@link ThrottledPortal}
     * keyed by the client's IP address, with {@link #DEFAULT_FREE_LOGIN_FAILURES} failures
     * answered at once, then delays of 1 s, 2 s, 4 s ... up to 1 min (the {@link LoginThrottle}
     * defaults), forgotten after a success or 15 min without failures; the server closes that
     * throttle when it closes. Configure it with {@link #loginThrottle(LoginThrottle)}; turn it
     * off with {@link #throttleLogins(boolean) throttleLogins(false)}.
     *
     * @param portal the portal logins go to
     * @return this builder
     */
    public Builder portal(Portal portal) {
      root(PortalRoot.of(portal));
      this.portal = portal;
      this.loginObject = null;
      return this;
    }

    /**
     * As {@link #portal(Portal)}, publishing on each connection the {@link PortalLogin} subclass
     * that {@code loginObject} builds: a root that offers {@code login} and {@code
     * loginAnonymous} and methods of your own.
     *
     * <pre>{@code
     * public class MyRoot extends PortalLogin {
     *   public MyRoot(PortalRoot root, PeerConnection connection) { super(root, connection); }
     *   public String remote_serverVersion() { return "1.4"; }
     * }
     * PbServer server = PbServer.builder().portal(portal, MyRoot::new).start();
     * }</pre>
     *
     * @param portal the portal logins go to
     * @param loginObject makes the object published on a connection, from the root and the
     *     connection
     * @return this builder
     */
    public Builder portal(
        Portal portal, BiFunction<PortalRoot, PeerConnection, ? extends PortalLogin> loginObject) {
      root(PortalRoot.builder(portal).loginObject(loginObject).build());
      this.portal = portal;
      this.loginObject = loginObject;
      return this;
    }

    /**
     * The throttle for the logins of {@link #portal(Portal)} instead of the default one; owned by
     * the caller (not closed with the server), so it may be shared by several servers.
     *
     * @param throttle the throttle to use, shared and closed by the caller
     * @return this builder
     */
    public Builder loginThrottle(LoginThrottle throttle) {
      this.loginThrottle = Objects.requireNonNull(throttle, "throttle");
      return this;
    }

    /**
     * Whether the logins of {@link #portal(Portal)} are throttled (default true). With false,
     * every failed login is answered at once: only for tests or a portal that throttles itself.
     *
     * @param throttle false to answer every failed login at once
     * @return this builder
     */
    public Builder throttleLogins(boolean throttle) {
      this.throttleLogins = throttle;
      return this;
    }

    /**
     * As {@link #portal(Portal)}, with attempts throttled per client IP address by {@code
     * portal}'s own throttle: repeated failures from one address are answered later and later.
     *
     * @param portal the throttled portal logins go to; its throttle is used as it is
     * @return this builder
     */
    public Builder portal(ThrottledPortal portal) {
      return root(PortalRoot.of(portal));
    }

    /**
     * Listens on {@code host}:{@code port} (default 127.0.0.1:0, an ephemeral port).
     *
     * @param host the address or host name to listen on
     * @param port the TCP port, 0 to 65535; 0 picks an ephemeral port
     * @return this builder
     * @throws IllegalArgumentException if {@code port} is out of range
     */
    public Builder bind(String host, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
      }
      this.host = Objects.requireNonNull(host, "host");
      this.port = port;
      return this;
    }

    /**
     * Binds and starts accepting connections; blocks until bound.
     *
     * @return the server, accepting connections
     * @throws PbException if the address cannot be bound
     */
    public PbServer start() {
      checkTlsRole(true);
      Object published = root;
      LoginThrottle ownedThrottle = null;
      if (portal != null && throttleLogins) {
        LoginThrottle throttle = loginThrottle;
        if (throttle == null) {
          throttle = ownedThrottle =
              LoginThrottle.builder().freeAttempts(DEFAULT_FREE_LOGIN_FAILURES).build();
        }
        PortalRoot.Builder throttled = PortalRoot.builder(new ThrottledPortal(portal, throttle));
        published = (loginObject == null ? throttled : throttled.loginObject(loginObject)).build();
      }
      PbSetup setup = setup(BananaRole.SERVER, published);
      try {
        return new PbServer(
            new InetSocketAddress(host, port), group, ioTransport, setup, ownedThrottle);
      } catch (RuntimeException e) {
        if (ownedThrottle != null) {
          ownedThrottle.close();
        }
        throw e;
      }
    }
  }
}
