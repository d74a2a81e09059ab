package dev.spindle.cred;

/**
 * An explicit request for anonymous access. {@link
 * dev.spindle.cred.checkers.AllowAnonymousAccess} grants it with {@link AvatarId#ANONYMOUS}.
 *
 * <p>Twisted equivalent: {@code twisted.cred.credentials.IAnonymous} and the class {@code
 * Anonymous}.
 */
public interface Anonymous extends Credentials {
  /** The shipped anonymous credentials; immutable. */
  Anonymous INSTANCE = new AnonymousCredentials();
}
