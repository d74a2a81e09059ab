package dev.spindle.cred.checkers;

import dev.spindle.cred.Anonymous;
import dev.spindle.cred.AvatarId;
import dev.spindle.cred.Credentials;
import dev.spindle.cred.CredentialsChecker;
import dev.spindle.cred.UnhandledCredentialsException;
import java.util.List;

/**
 * Grants every {@link Anonymous} login the avatar id {@link AvatarId#ANONYMOUS}. Register it only
 * if the realm gives anonymous users a suitable avatar.
 *
 * <p>Stateless and thread-safe. Twisted equivalent: {@code twisted.cred.checkers.AllowAnonymousAccess}.
 */
public final class AllowAnonymousAccess implements CredentialsChecker.Synchronous {
  /** Creates the checker. */
  public AllowAnonymousAccess() {}

  /** {@link Anonymous}. */
  @Override
  public List<Class<? extends Credentials>> credentialInterfaces() {
    return List.of(Anonymous.class);
  }

  /**
   * Returns {@link AvatarId#ANONYMOUS}.
   *
   * @throws UnhandledCredentialsException if the credentials are not {@link Anonymous}
   */
  @Override
  public AvatarId requestAvatarIdNow(Credentials credentials) {
    if (!(credentials instanceof Anonymous)) {
      throw UnhandledCredentialsException.forCredentials(credentials);
    }
    return AvatarId.ANONYMOUS;
  }
}
