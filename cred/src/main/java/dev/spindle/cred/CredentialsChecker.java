package dev.spindle.cred;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Checks one or more kinds of {@link Credentials} and says whose they are. This is the interface
 * to implement for an application's own user store (a database, LDAP); see the shipped checkers in
 * {@code dev.spindle.cred.checkers} for the built-in ones.
 *
 * <p>Rules for implementations:
 *
 * <ul>
 *   <li>Reject bad credentials with {@link UnauthorizedLoginException} created with its no-argument
 *       constructor, whether the user is unknown or the password wrong: the same exception, the
 *       same message, and the same work (for an unknown user, verify the password against a dummy
 *       record), so that neither answer nor timing tells which.
 *   <li>Compare secrets in constant time ({@link java.security.MessageDigest#isEqual}).
 *   <li>Never put passwords, hashes or other secrets in exceptions or logs.
 *   <li>Do not block the calling thread, which may be a protocol's event loop: do I/O and costly
 *       hashing on an executor and return the stage. {@link Synchronous} is for checkers that
 *       answer at once from memory.
 *   <li>Credentials of a kind the checker does not understand fail with {@link
 *       UnhandledCredentialsException}; the portal routes only the registered kinds, so this only
 *       happens when a checker is registered for the wrong interface.
 * </ul>
 *
 * <pre>{@code
 * final class JdbcChecker implements CredentialsChecker {
 *   private final DataSource db;
 *   private final Executor executor;   // a pool for blocking JDBC calls
 *
 *   public List<Class<? extends Credentials>> credentialInterfaces() {
 *     return List.of(UsernamePassword.class);
 *   }
 *
 *   public CompletionStage<AvatarId> requestAvatarId(Credentials credentials) {
 *     UsernamePassword up = (UsernamePassword) credentials;
 *     return CompletableFuture.supplyAsync(() -> {
 *       String hash = lookUpHash(db, up.username());          // bcrypt, or null if unknown
 *       String checked = hash != null ? hash : PasswordFile.dummyHash(12);  // same work either way
 *       boolean ok = PasswordFile.checkPassword(checked, up.password());
 *       if (hash == null || !ok) {
 *         throw new UnauthorizedLoginException();
 *       }
 *       return AvatarId.of(up.username());
 *     }, executor);
 *   }
 * }
 * }</pre>
 *
 * <p>Implementations must be thread-safe if the portal is shared. Twisted equivalent: {@code
 * twisted.cred.checkers.ICredentialsChecker}.
 */
public interface CredentialsChecker {
  /**
   * The kinds of credentials this checker understands, registered by {@link
   * Portal#registerChecker} when no interfaces are given. Twisted: {@code credentialInterfaces}.
   *
   * @return the credential interfaces, most often one; not null, the same on every call
   */
  List<Class<? extends Credentials>> credentialInterfaces();

  /**
   * Returns a stage of the avatar id for {@code credentials}, or failed with {@link
   * UnauthorizedLoginException}; it may already be complete. Throwing has the same effect as
   * returning a failed stage.
   *
   * @param credentials what the client presented, of a kind this checker lists; not null
   * @return a stage of the avatar id, or failed with {@link UnauthorizedLoginException}
   */
  CompletionStage<AvatarId> requestAvatarId(Credentials credentials);

  /** A checker that answers before returning; it must not block. */
  interface Synchronous extends CredentialsChecker {
    /**
     * Returns the avatar id for {@code credentials}.
     *
     * @param credentials what the client presented, of a kind this checker lists; not null
     * @return the avatar id of the user the credentials prove; not null
     * @throws UnauthorizedLoginException if the credentials are wrong
     */
    AvatarId requestAvatarIdNow(Credentials credentials);

    /** Calls {@link #requestAvatarIdNow} and returns its answer as a completed stage. */
    @Override
    default CompletionStage<AvatarId> requestAvatarId(Credentials credentials) {
      try {
        return CompletableFuture.completedFuture(requestAvatarIdNow(credentials));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }
}
