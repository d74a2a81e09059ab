package dev.spindle.amp.auth;

import dev.spindle.amp.AmpConnection;
import dev.spindle.amp.locator.CommandLocator;
import dev.spindle.cred.Portal;
import dev.spindle.cred.throttle.LoginThrottle;
import dev.spindle.cred.throttle.ThrottledPortal;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Cred over AMP, server side: builds, for each connection, a locator that answers only the login
 * commands until a login through the {@link Portal} succeeds, and from then on hands every command
 * to the avatar. Use it as the locator factory of an {@link dev.spindle.amp.AmpServer}:
 *
 * <pre>{@code
 * InMemoryUsernamePasswordDatabase users = new InMemoryUsernamePasswordDatabase();
 * users.addUser("alice", "secret");
 * Realm realm = (Realm.Synchronous) (id, mind, interfaces) ->
 *     LoginResult.of(CommandLocator.class, CommandLocator.of(new Calculator(id)));
 * AmpServer server = AmpServer.builder()
 *     .locatorFactory(AmpLoginServer.builder(new Portal(realm, users)).build())
 *     .start();
 * }</pre>
 *
 * <p><b>Before login</b> the locator answers {@link PasswordLogin}, {@link
 * PasswordChallengeResponse} and {@link AnonymousLogin}, and {@link Login} if {@link
 * Builder#allowPlaintextLogin(boolean) allowed}; every other command is {@code UNHANDLED}. A failed
 * login answers {@code UNAUTHORIZED_LOGIN} with an empty description whether the user is unknown,
 * the password wrong or no challenge was pending, and the connection stays open for another
 * attempt. Each challenge serves one {@link PasswordChallengeResponse}; one login attempt runs at
 * a time per connection (an overlapping one is refused with {@code UNAUTHORIZED_LOGIN}).
 *
 * <p><b>The realm</b> is asked for {@link #AVATAR_INTERFACES}: a {@link CommandLocator}, which
 * answers the connection's commands from then on, or else any object (avatar interface {@code
 * Object.class}) whose class has a generated {@code <Class>_AmpLocator}, found with {@link
 * CommandLocator#of(Object)}. An avatar that is neither is logged out and the login fails with
 * {@code NOT_IMPLEMENTED_ERROR}, as does a portal with no checker for the credentials. The mind is
 * the {@link AmpConnection}, so the avatar can call the client back. Other failures (a realm's
 * {@link dev.spindle.cred.LoginDeniedException}, a checker's crash) are undeclared: the client gets
 * {@code UNKNOWN} and the connection is closed, as in Twisted.
 *
 * <p><b>After login</b> one login per connection, as in ampauth: every command, the login commands
 * included, goes to the avatar. {@link dev.spindle.cred.LoginResult#logout()} runs exactly once
 * when the connection closes, also when it closes while the login is still being checked.
 *
 * <p><b>Throttling</b> is on by default: attempts are keyed by the client's IP address; {@link
 * #DEFAULT_FREE_LOGIN_FAILURES} failures are answered at once, then after 1 s, 2 s, 4 s ... up to
 * 1 min (the {@link LoginThrottle} defaults), and the count is forgotten after a success or 15
 * minutes without failures. Delays run on one daemon thread shared by the default throttles. Pass
 * a {@link ThrottledPortal} or {@link Builder#loginThrottle(LoginThrottle)} to configure it, {@link
 * Builder#throttleLogins(boolean) throttleLogins(false)} to turn it off. Logins are logged at INFO
 * ({@link dev.spindle.cred.LoginLog}).
 *
 * <p><b>Security.</b> The challenge-response does not send the password, but its checker must
 * know the plaintext ({@link dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase}, or an
 * application's checker of {@link dev.spindle.cred.UsernameHashedPassword}); a bcrypt {@link
 * dev.spindle.cred.checkers.FilePasswordDatabase} cannot serve it and needs {@link Login}, which
 * sends the password in the clear unless the connection is encrypted. An eavesdropper who records
 * a challenge-response can still guess the password offline (one fast SHA-1 per guess), and
 * nothing here encrypts or authenticates the traffic after login: without TLS, trust the network.
 *
 * <p>Immutable and thread-safe; one instance serves every connection. Twisted equivalent: Divmod's
 * {@code epsilon.ampauth.CredAMPServerFactory} and {@code CredReceiver}.
 */
public final class AmpLoginServer implements Function<AmpConnection, CommandLocator> {
  /**
   * The avatar interfaces asked of the realm, in order of preference: {@link CommandLocator}, then
   * {@link Object} (an object with a generated locator).
   */
  public static final List<Class<?>> AVATAR_INTERFACES =
      List.of(CommandLocator.class, Object.class);

  /**
   * Failed logins per client IP address answered without delay by the default throttle: 5 (within
   * 15 minutes, a success resetting the count).
   */
  public static final int DEFAULT_FREE_LOGIN_FAILURES = 5;

  final Portal portal;
  final ThrottledPortal throttledPortal;
  final boolean allowPlaintextLogin;
  final SecureRandom random = new SecureRandom();

  private AmpLoginServer(Builder b) {
    this.portal = b.portal;
    if (b.throttledPortal != null || !b.throttleLogins) {
      this.throttledPortal = b.throttledPortal;
    } else {
      LoginThrottle throttle = b.loginThrottle;
      if (throttle == null) {
        throttle =
            LoginThrottle.builder()
                .freeAttempts(DEFAULT_FREE_LOGIN_FAILURES)
                .scheduler(SharedScheduler.INSTANCE)
                .build();
      }
      this.throttledPortal = new ThrottledPortal(b.portal, throttle);
    }
    this.allowPlaintextLogin = b.allowPlaintextLogin;
  }

  /**
   * Returns a builder of a server logging in through {@code portal}.
   *
   * @param portal checks credentials and asks the realm for avatars; not null
   * @return a new builder, with throttling on and plaintext login off
   */
  public static Builder builder(Portal portal) {
    return new Builder(Objects.requireNonNull(portal, "portal"), null);
  }

  /**
   * Returns a builder of a server logging in through {@code portal}, whose throttle is keyed by
   * the client's IP address.
   *
   * @param portal the portal and the throttle that keys its failures by client address; not null
   * @return a new builder, with plaintext login off
   */
  public static Builder builder(ThrottledPortal portal) {
    Objects.requireNonNull(portal, "portal");
    return new Builder(portal.portal(), portal);
  }

  /**
   * Returns a builder with this server's settings.
   *
   * @return a new builder with the same portal, throttle and options
   */
  public Builder toBuilder() {
    return new Builder(portal, throttledPortal).allowPlaintextLogin(allowPlaintextLogin);
  }

  /**
   * Returns the locator of {@code connection}: login commands first, then the avatar. Call it once
   * per connection, on its event loop (as {@link dev.spindle.amp.AmpEndpointBuilder#locatorFactory}
   * does); it arranges the logout for when the connection closes.
   *
   * @param connection the new connection; not null
   * @return the connection's locator: the login commands until a login succeeds, then the avatar
   */
  public CommandLocator locator(AmpConnection connection) {
    return new LoginLocator(this, Objects.requireNonNull(connection, "connection"));
  }

  /** Same as {@link #locator(AmpConnection)}. */
  @Override
  public CommandLocator apply(AmpConnection connection) {
    return locator(connection);
  }

  /** The one daemon thread on which the default throttles' delays run, started when first needed. */
  private static final class SharedScheduler {
    static final ScheduledExecutorService INSTANCE =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "spindle-amp-login-throttle");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public String toString() {
    return "AmpLoginServer{throttled=" + (throttledPortal != null)
        + ", plaintextLogin=" + allowPlaintextLogin + "}";
  }

  /** Builds an {@link AmpLoginServer}. Not thread-safe. */
  public static final class Builder {
    private final Portal portal;
    private final ThrottledPortal throttledPortal;
    private boolean allowPlaintextLogin;
    private LoginThrottle loginThrottle;
    private boolean throttleLogins = true;

    private Builder(Portal portal, ThrottledPortal throttledPortal) {
      this.portal = portal;
      this.throttledPortal = throttledPortal;
    }

    /**
     * Whether to answer {@link Login}, which receives the password itself (default false). Enable
     * it only if connections are encrypted (TLS, a tunnel): otherwise clients that use it send
     * their passwords in the clear. It is what a portal whose checker keeps salted hashes ({@link
     * dev.spindle.cred.checkers.FilePasswordDatabase}) needs.
     *
     * @param allow true to answer {@link Login}
     * @return this builder
     */
    public Builder allowPlaintextLogin(boolean allow) {
      this.allowPlaintextLogin = allow;
      return this;
    }

    /**
     * The throttle for a builder made from a plain {@link Portal}, instead of the default one;
     * owned by the caller, so it may be shared by several servers. Ignored if the builder was made
     * from a {@link ThrottledPortal}.
     *
     * @param throttle the throttle to key failures by client address; not null
     * @return this builder
     */
    public Builder loginThrottle(LoginThrottle throttle) {
      this.loginThrottle = Objects.requireNonNull(throttle, "throttle");
      return this;
    }

    /**
     * Whether logins through a plain {@link Portal} are throttled (default true). With false, every
     * failed login is answered at once: only for tests or a portal that throttles itself.
     *
     * @param throttle false to answer every failed login at once
     * @return this builder
     */
    public Builder throttleLogins(boolean throttle) {
      this.throttleLogins = throttle;
      return this;
    }

    /**
     * Returns the server.
     *
     * @return a new, immutable server locator factory
     */
    public AmpLoginServer build() {
      return new AmpLoginServer(this);
    }
  }
}
