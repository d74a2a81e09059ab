package dev.spindle.cred.throttle;

import dev.spindle.cred.Credentials;
import dev.spindle.cred.LoginResult;
import dev.spindle.cred.Portal;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A {@link Portal} whose logins pass through a {@link LoginThrottle}: the same outcomes, but
 * repeated {@link dev.spindle.cred.UnauthorizedLoginException}s from one peer are answered later
 * and later.
 *
 * <pre>{@code
 * ThrottledPortal portal = new ThrottledPortal(new Portal(realm, users), LoginThrottle.builder().build());
 * portal.login(remoteIp, credentials, mind, Perspective.class);
 * }</pre>
 *
 * <p>Thread-safe. Closing the throttle is the owner's business. Twisted has no equivalent.
 */
public final class ThrottledPortal {
  private final Portal portal;
  private final LoginThrottle throttle;

  /**
   * Wraps {@code portal} with {@code throttle}.
   *
   * @param portal the portal logins go to; not null
   * @param throttle the throttle, possibly shared with other portals; not null
   */
  public ThrottledPortal(Portal portal, LoginThrottle throttle) {
    this.portal = Objects.requireNonNull(portal, "portal");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
  }

  /**
   * The portal logins go to.
   *
   * @return the portal given at construction
   */
  public Portal portal() {
    return portal;
  }

  /**
   * The throttle.
   *
   * @return the throttle given at construction
   */
  public LoginThrottle throttle() {
    return throttle;
  }

  /**
   * {@link Portal#login(Credentials, Object, Class)} throttled per {@code peerKey} (for example the
   * remote IP address).
   *
   * @param <A> the avatar's type
   * @param peerKey the peer's key, normally its IP address as a string; not null
   * @param credentials what the client presented; not null
   * @param mind the protocol's client-side object handed to the realm; may be null
   * @param avatarInterface the interface the avatar must implement; not null
   * @return a stage of the realm's result, or failed as {@link Portal} describes, delayed by the
   *     throttle
   * @throws IllegalStateException if the throttle is closed
   */
  public <A> CompletionStage<LoginResult<A>> login(
      String peerKey, Credentials credentials, Object mind, Class<A> avatarInterface) {
    return throttle.attempt(peerKey, () -> portal.login(credentials, mind, avatarInterface));
  }

  /**
   * As {@link #login(String, Credentials, Object, Class)}, with delays on {@code scheduler} (for
   * example the connection's event loop), so the answer completes on its thread when delayed.
   *
   * @param <A> the avatar's type
   * @param peerKey the peer's key, normally its IP address as a string; not null
   * @param scheduler runs this attempt's delayed start and delayed answer; not null
   * @param credentials what the client presented; not null
   * @param mind the protocol's client-side object handed to the realm; may be null
   * @param avatarInterface the interface the avatar must implement; not null
   * @return a stage of the realm's result, or failed as {@link Portal} describes, delayed by the
   *     throttle
   * @throws IllegalStateException if the throttle is closed
   */
  public <A> CompletionStage<LoginResult<A>> login(
      String peerKey,
      ScheduledExecutorService scheduler,
      Credentials credentials,
      Object mind,
      Class<A> avatarInterface) {
    return throttle.attempt(
        peerKey, scheduler, () -> portal.login(credentials, mind, avatarInterface));
  }

  /**
   * {@link Portal#login(Credentials, Object, List)} throttled per {@code peerKey}.
   *
   * @param peerKey the peer's key, normally its IP address as a string; not null
   * @param credentials what the client presented; not null
   * @param mind the protocol's client-side object handed to the realm; may be null
   * @param avatarInterfaces the interfaces the avatar may implement, most preferred first; not
   *     empty
   * @return a stage of the realm's result, or failed as {@link Portal} describes, delayed by the
   *     throttle
   * @throws IllegalStateException if the throttle is closed
   */
  public CompletionStage<LoginResult<?>> login(
      String peerKey, Credentials credentials, Object mind, List<Class<?>> avatarInterfaces) {
    return throttle.attempt(peerKey, () -> portal.login(credentials, mind, avatarInterfaces));
  }
}
