package dev.spindle.cred;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Who a checker says the client is: a username as bytes, or the distinguished {@link #ANONYMOUS}.
 * The {@link Portal} hands it to the {@link Realm}; protocols never send it.
 *
 * <p>An empty username is a username, not anonymity: only {@link #ANONYMOUS} is anonymous, so a
 * blank line in a password file cannot grant anonymous access. Immutable and thread-safe; equal
 * when the usernames' bytes are equal. Twisted equivalent: the bytes a checker returns from {@code
 * requestAvatarId}, or {@code twisted.cred.checkers.ANONYMOUS} (the empty tuple {@code ()}, which
 * PB sends as {@code ["tuple"]}).
 */
public final class AvatarId {
  /** The avatar id of an anonymous login. Twisted equivalent: {@code checkers.ANONYMOUS}. */
  public static final AvatarId ANONYMOUS = new AvatarId(null);

  private final byte[] username;

  private AvatarId(byte[] username) {
    this.username = username;
  }

  /**
   * Returns the avatar id of {@code username} (copied).
   *
   * @param username the username's bytes, any encoding, possibly empty; not null
   * @return a new avatar id, equal to any other of the same bytes
   * @throws NullPointerException if {@code username} is null
   */
  public static AvatarId of(byte[] username) {
    return new AvatarId(Objects.requireNonNull(username, "username").clone());
  }

  /**
   * Returns the avatar id of {@code username} encoded as UTF-8.
   *
   * @param username the username, possibly empty; not null
   * @return a new avatar id, equal to {@code of(username.getBytes(UTF_8))}
   * @throws NullPointerException if {@code username} is null
   */
  public static AvatarId of(String username) {
    return new AvatarId(Objects.requireNonNull(username, "username").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * True for {@link #ANONYMOUS}.
   *
   * @return true if this is {@link #ANONYMOUS}, false for any username (an empty one too)
   */
  public boolean isAnonymous() {
    return username == null;
  }

  /**
   * Returns the username (a copy).
   *
   * @return a fresh copy of the username's bytes
   * @throws IllegalStateException if this is {@link #ANONYMOUS}
   */
  public byte[] username() {
    if (username == null) {
      throw new IllegalStateException("avatarId: ANONYMOUS (expected: a username)");
    }
    return username.clone();
  }

  /**
   * Returns the username decoded as UTF-8, with undecodable bytes replaced.
   *
   * @return the username as a string, never null
   * @throws IllegalStateException if this is {@link #ANONYMOUS}
   */
  public String usernameAsString() {
    return new String(username(), StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AvatarId other && Arrays.equals(username, other.username);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(username);
  }

  @Override
  public String toString() {
    return username == null ? "AvatarId[ANONYMOUS]" : "AvatarId[" + Secrets.printable(username) + "]";
  }
}
