package dev.spindle.cred;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The answer to a successful login: the avatar interface the realm chose, the avatar, and a
 * logout action that runs <em>at most once</em>.
 *
 * <p>The protocol must call {@link #logout()} when the session ends (PB: when the client releases
 * its last reference to the avatar or the connection is lost, whichever comes first), including
 * when the session ended before the login completed. Calling it again, or from several threads at
 * once, is harmless: the realm's action runs on the first call only. Together this gives the
 * realm Twisted's "exactly once" guarantee.
 *
 * <p>Thread-safe. Twisted equivalent: the {@code (interface, avatar, logout)} tuple of {@code
 * IRealm.requestAvatar}.
 *
 * @param <A> the avatar interface
 */
public final class LoginResult<A> {
  private final Class<A> avatarInterface;
  private final A avatar;
  private final Runnable logout;
  private final AtomicBoolean loggedOut = new AtomicBoolean();

  private LoginResult(Class<A> avatarInterface, A avatar, Runnable logout) {
    this.avatarInterface = avatarInterface;
    this.avatar = avatar;
    this.logout = logout;
  }

  /**
   * Returns a result for {@code avatar}, which must be an instance of {@code avatarInterface};
   * {@code logout} will run at most once, on the first {@link #logout()}.
   *
   * @param <A> the avatar interface
   * @param avatarInterface the interface the realm chose, one of those asked for; not null
   * @param avatar the avatar; not null
   * @param logout what to run when the session ends, at most once; not null
   * @return a new result, not logged out
   * @throws IllegalArgumentException if {@code avatar} is not an instance of {@code avatarInterface}
   */
  public static <A> LoginResult<A> of(Class<A> avatarInterface, A avatar, Runnable logout) {
    Objects.requireNonNull(avatarInterface, "avatarInterface");
    Objects.requireNonNull(avatar, "avatar");
    Objects.requireNonNull(logout, "logout");
    if (!avatarInterface.isInstance(avatar)) {
      throw new IllegalArgumentException(
          "avatar: " + avatar.getClass().getName() + " (expected: an instance of "
              + avatarInterface.getName() + ")");
    }
    return new LoginResult<>(avatarInterface, avatar, logout);
  }

  /**
   * Returns a result for {@code avatar} whose logout does nothing.
   *
   * @param <A> the avatar interface
   * @param avatarInterface the interface the realm chose, one of those asked for; not null
   * @param avatar the avatar, an instance of {@code avatarInterface}; not null
   * @return a new result, not logged out
   * @throws IllegalArgumentException if {@code avatar} is not an instance of {@code
   *     avatarInterface}
   */
  public static <A> LoginResult<A> of(Class<A> avatarInterface, A avatar) {
    return of(avatarInterface, avatar, () -> {});
  }

  /**
   * The avatar interface the realm chose, one of those the protocol asked for.
   *
   * @return the avatar interface, never null
   */
  public Class<A> avatarInterface() {
    return avatarInterface;
  }

  /**
   * The avatar; an instance of {@link #avatarInterface()}.
   *
   * @return the avatar, never null
   */
  public A avatar() {
    return avatar;
  }

  /**
   * Runs the realm's logout action if no call has run it yet; otherwise does nothing. An
   * exception from the action reaches the caller of the first call only.
   */
  public void logout() {
    if (loggedOut.compareAndSet(false, true)) {
      logout.run();
    }
  }

  /**
   * True once {@link #logout()} has been called.
   *
   * @return true if {@link #logout()} has been called at least once, even if its action threw
   */
  public boolean isLoggedOut() {
    return loggedOut.get();
  }

  /**
   * Returns this result typed by {@code type}, which must be {@link #avatarInterface()}; the same
   * logout guard is shared.
   *
   * @param <T> the avatar interface expected
   * @param type the avatar interface expected; compared by identity
   * @return this same result, cast
   * @throws ClassCastException if the realm chose another interface
   */
  @SuppressWarnings("unchecked")
  public <T> LoginResult<T> as(Class<T> type) {
    if (avatarInterface != type) {
      throw new ClassCastException(
          "avatarInterface: " + avatarInterface.getName() + " (expected: " + type.getName() + ")");
    }
    return (LoginResult<T>) this;
  }

  @Override
  public String toString() {
    return "LoginResult[" + avatarInterface.getName() + (isLoggedOut() ? ", logged out]" : "]");
  }
}
