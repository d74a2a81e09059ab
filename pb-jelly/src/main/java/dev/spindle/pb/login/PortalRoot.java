package dev.spindle.pb.login;

import dev.spindle.cred.PbChallenge;
import dev.spindle.cred.Portal;
import dev.spindle.cred.throttle.ThrottledPortal;
import dev.spindle.pb.flavors.PeerConnection;
import dev.spindle.pb.flavors.Root;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The root a PB server publishes to log clients in through a cred {@link Portal}: each connection
 * gets a login object answering Twisted's two login methods, and a successful login hands the
 * client a reference to the realm's avatar. {@code PbServer.builder().portal(portal)} installs it.
 *
 * <pre>{@code
 * InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
 * users.addUser("alice", "secret");
 * Realm realm = (Realm.Synchronous) (avatarId, mind, interfaces) ->
 *     LoginResult.of(Perspective.class, new User(avatarId, (RemoteReference) mind), () -> {});
 * PbServer server = PbServer.builder().portal(new Portal(realm, users)).start();
 * }</pre>
 *
 * <p><b>The wire</b>, as Twisted's {@code _PortalWrapper} and {@code _PortalAuthChallenger}:
 *
 * <ul>
 *   <li>{@code root.login(username)} answers the tuple {@code (challenge, challenger)}: 16 fresh
 *       random bytes and a new Referenceable. The username should be bytes (Twisted's {@code
 *       UsernamePassword(b"alice", ...)} sends bytes) and reaches cred as those bytes; a {@code
 *       str} is encoded as UTF-8; anything else cannot log in.
 *   <li>{@code challenger.respond(response, mind)} logs in with {@link
 *       PbChallenge#credentials(byte[], byte[])}: a {@code UsernameMD5Password} (and {@code
 *       UsernameHashedPassword}) that accepts iff {@code response == MD5(MD5(password) ||
 *       challenge)}. A challenger may be answered more than once, as in Twisted.
 *   <li>{@code root.loginAnonymous(mind)} logs in with {@code Anonymous.INSTANCE}.
 * </ul>
 *
 * <p><b>The realm</b> is asked for {@link #AVATAR_INTERFACES}, that is {@link Perspective} only,
 * with the client's mind: a {@code dev.spindle.pb.RemoteReference} to the client's Referenceable,
 * or whatever else it sent (usually null). The realm owns the mind and should {@code release()}
 * it at logout, as a Twisted avatar drops it; PB does not. (A mind nobody holds, for example after
 * a failed login, is released by the endpoint's {@code Cleaner}, as Python's collector releases
 * it, unless {@code autoRelease(false)}.) The avatar is sent as {@code ["remote", luid]}, a new luid
 * per login; the client's calls go to its {@code perspective_<name>} methods (or, if the avatar
 * is itself a {@code Referenceable}, it is sent as itself and answers {@code remote_<name>}).
 *
 * <p><b>Logout</b>: {@link dev.spindle.cred.LoginResult#logout()} runs exactly once, when the
 * client releases its last reference to the avatar ({@code decref}) or when the connection is
 * lost, whichever comes first; also if the connection was lost while the portal was still
 * checking, or the avatar could not be sent.
 *
 * <p><b>Failures</b> reach the client as Twisted's {@code CopyableFailure}s with Twisted's names
 * (see {@link LoginFailures}): {@code twisted.cred.error.UnauthorizedLogin} with an empty value
 * for an unknown user and a wrong password alike, {@code UnhandledCredentials} ({@code No checker
 * for twisted.cred.credentials.IAnonymous}) if the portal has no checker for the credentials, a
 * realm's {@code LoginDenied}. A Python client can {@code trap(UnauthorizedLogin)}.
 *
 * <p><b>Checkers.</b> The challenge-response never shows the server the password, so the portal's
 * checker must know it in plaintext ({@code InMemoryUsernamePasswordDatabase}) or as its MD5
 * digest ({@code MD5PasswordDatabase}); a bcrypt {@code FilePasswordDatabase} cannot serve PB
 * logins (they fail with {@code UnhandledCredentials}).
 *
 * <p><b>Threading.</b> The portal is called on the connection's event loop; it may answer on any
 * thread, and the answer (the avatar's export and the reply) is written on the event loop. Built
 * from a {@link ThrottledPortal}, attempts are keyed by the client's IP address, and repeated
 * failures are answered later and later on the throttle's scheduler.
 *
 * <p><b>Your own methods beside login</b>: {@link Builder#loginObject} publishes a subclass of
 * {@link PortalLogin} instead (see there); {@code PbServer.builder().portal(portal, MyRoot::new)}
 * does the same with the server's login throttling.
 *
 * <p>Immutable and thread-safe; one instance serves every connection. Twisted equivalent: {@code
 * PBServerFactory(portal)}, which adapts the portal with {@code _PortalRoot}.
 */
public final class PortalRoot implements Root {
  /** The avatar interfaces asked of the realm: {@link Perspective}, Twisted's {@code pb.IPerspective}. */
  public static final List<Class<?>> AVATAR_INTERFACES = List.of(Perspective.class);

  final Portal portal;
  final ThrottledPortal throttledPortal;
  final Supplier<PbChallenge> challengeSource;
  final BiFunction<PortalRoot, PeerConnection, ? extends PortalLogin> loginObject;

  private PortalRoot(Builder b) {
    this.portal = b.portal;
    this.throttledPortal = b.throttledPortal;
    this.challengeSource = b.challengeSource;
    this.loginObject = b.loginObject;
  }

  /**
   * Returns the root logging in through {@code portal}.
   *
   * @param portal the portal logins go to
   * @return a new root with the default challenge source and login object
   */
  public static PortalRoot of(Portal portal) {
    return builder(portal).build();
  }

  /**
   * Returns the root logging in through {@code portal}, throttled by the client's IP address.
   *
   * @param portal the throttled portal logins go to
   * @return a new root with the default challenge source and login object
   */
  public static PortalRoot of(ThrottledPortal portal) {
    return builder(portal).build();
  }

  /**
   * Returns a builder of a root logging in through {@code portal}.
   *
   * @param portal the portal logins go to
   * @return a new builder
   */
  public static Builder builder(Portal portal) {
    return new Builder(Objects.requireNonNull(portal, "portal"), null);
  }

  /**
   * Returns a builder of a root logging in through {@code portal}, keyed by the client's IP
   * address.
   *
   * @param portal the throttled portal logins go to
   * @return a new builder
   */
  public static Builder builder(ThrottledPortal portal) {
    Objects.requireNonNull(portal, "portal");
    return new Builder(portal.portal(), portal);
  }

  /**
   * Returns a builder with this root's settings.
   *
   * @return a new builder holding this root's portal, challenge source and login object
   */
  public Builder toBuilder() {
    return new Builder(portal, throttledPortal)
        .challengeSource(challengeSource)
        .loginObject(loginObject);
  }

  /** {@return the portal logins go to (the throttled portal's, if throttled)} */
  public Portal portal() {
    return portal;
  }

  /**
   * Returns the login object of {@code connection}: Twisted's {@code _PortalWrapper}, with {@code
   * remote_login} and {@code remote_loginAnonymous}, a {@link PortalLogin} or what {@link
   * Builder#loginObject} builds. Called by the server once per connection.
   *
   * @throws NullPointerException if the factory returns null
   */
  @Override
  public Object rootObject(PeerConnection connection) {
    Objects.requireNonNull(connection, "connection");
    return Objects.requireNonNull(loginObject.apply(this, connection),
        "loginObject returned null (expected: a PortalLogin)");
  }

  @Override
  public String toString() {
    return "PortalRoot{throttled=" + (throttledPortal != null) + "}";
  }

  /** Builds a {@link PortalRoot}. Not thread-safe. */
  public static final class Builder {
    private final Portal portal;
    private final ThrottledPortal throttledPortal;
    private Supplier<PbChallenge> challengeSource = PbChallenge::random;
    private BiFunction<PortalRoot, PeerConnection, ? extends PortalLogin> loginObject =
        PortalLogin::new;

    private Builder(Portal portal, ThrottledPortal throttledPortal) {
      this.portal = portal;
      this.throttledPortal = throttledPortal;
    }

    /**
     * Where the challenges of {@code login} come from; default {@link PbChallenge#random()} (16
     * bytes from {@code SecureRandom}). Replace it only to replay recorded sessions in tests: a
     * predictable challenge lets an eavesdropper replay a recorded response.
     *
     * @param challengeSource makes one challenge per {@code login}; must not return {@code null}
     * @return this builder
     */
    public Builder challengeSource(Supplier<PbChallenge> challengeSource) {
      this.challengeSource = Objects.requireNonNull(challengeSource, "challengeSource");
      return this;
    }

    /**
     * Builds the object published on each connection (default: a plain {@link PortalLogin}):
     * a subclass of {@code PortalLogin} adds its own {@code remote_} methods beside {@code login}
     * and {@code loginAnonymous}, for example {@code loginObject(MyRoot::new)}.
     *
     * @param loginObject makes the object published on a connection, from this root and the
     *     connection
     * @return this builder
     */
    public Builder loginObject(
        BiFunction<PortalRoot, PeerConnection, ? extends PortalLogin> loginObject) {
      this.loginObject = Objects.requireNonNull(loginObject, "loginObject");
      return this;
    }

    /**
     * Returns the root.
     *
     * @return a new root holding this builder's settings
     */
    public PortalRoot build() {
      return new PortalRoot(this);
    }
  }
}
