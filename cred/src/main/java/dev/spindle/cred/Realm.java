package dev.spindle.cred;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The application's side of a login: turns an authenticated {@link AvatarId} into an avatar, the
 * object the client will talk to. The realm never sees credentials.
 *
 * <p>{@code interfaces} are the avatar interfaces the protocol can use, in order of preference (PB
 * always asks for one). The realm picks one, returns an avatar implementing it, and a logout
 * action; the {@link Portal} fails the login if the interface is not one of those asked for. To
 * refuse a login, throw or fail the stage with {@link LoginDeniedException}; any other failure
 * reaches the protocol unchanged. {@code mind} is the protocol's opaque client-side object (PB: a
 * reference to the client's Referenceable, or null).
 *
 * <p>Realms that answer at once implement {@link Synchronous}:
 *
 * <pre>{@code
 * Realm realm = (Realm.Synchronous) (avatarId, mind, interfaces) ->
 *     LoginResult.of(Perspective.class, new UserPerspective(avatarId, mind), () -> {});
 * }</pre>
 *
 * <p>Called on the thread that completed the checker's answer. Must be thread-safe if the portal
 * is shared. Twisted equivalent: {@code twisted.cred.portal.IRealm}.
 */
@FunctionalInterface
public interface Realm {
  /**
   * Returns a stage of the avatar for {@code avatarId}; it may already be complete. Throwing has
   * the same effect as returning a failed stage.
   *
   * @param avatarId who the checker says the client is, possibly {@link AvatarId#ANONYMOUS}
   * @param mind the protocol's client-side object (PB: the client's mind reference); may be null
   * @param interfaces the avatar interfaces the protocol accepts, most preferred first; not empty
   * @return a stage of a result whose interface is one of {@code interfaces}, or failed (normally
   *     with {@link LoginDeniedException})
   */
  CompletionStage<? extends LoginResult<?>> requestAvatar(
      AvatarId avatarId, Object mind, List<Class<?>> interfaces);

  /** A realm that answers before returning. */
  @FunctionalInterface
  interface Synchronous extends Realm {
    /**
     * Returns the avatar for {@code avatarId}.
     *
     * @param avatarId who the checker says the client is, possibly {@link AvatarId#ANONYMOUS}
     * @param mind the protocol's client-side object (PB: the client's mind reference); may be null
     * @param interfaces the avatar interfaces the protocol accepts, most preferred first; not empty
     * @return a result whose interface is one of {@code interfaces}; not null
     * @throws LoginDeniedException to refuse the login
     */
    LoginResult<?> requestAvatarNow(AvatarId avatarId, Object mind, List<Class<?>> interfaces);

    /** Calls {@link #requestAvatarNow} and returns its answer as a completed stage. */
    @Override
    default CompletionStage<? extends LoginResult<?>> requestAvatar(
        AvatarId avatarId, Object mind, List<Class<?>> interfaces) {
      try {
        return CompletableFuture.completedFuture(requestAvatarNow(avatarId, mind, interfaces));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }
}
