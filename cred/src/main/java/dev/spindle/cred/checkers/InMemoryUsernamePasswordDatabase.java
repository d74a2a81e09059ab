package dev.spindle.cred.checkers;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.Credentials;
import dev.spindle.cred.CredentialsChecker;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.UnhandledCredentialsException;
import dev.spindle.cred.UsernameHashedPassword;
import dev.spindle.cred.UsernameMD5Password;
import dev.spindle.cred.UsernamePassword;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plaintext passwords held in memory, <strong>for tests and demonstrations only</strong>.
 *
 * <p>It exists because PB's challenge-response ({@link UsernameMD5Password}, which is also a
 * {@link UsernameHashedPassword}) can only be checked by someone who knows the plaintext password
 * (or its MD5 digest, see {@link MD5PasswordDatabase}): the server never sees the password, only
 * {@code MD5(MD5(password) || challenge)}. A checker that keeps salted hashes, such as {@link
 * FilePasswordDatabase}, cannot serve PB logins. Do not use this class for real secrets at rest:
 * keep real users' passwords hashed and, for PB, accept the weaker {@link MD5PasswordDatabase}
 * knowingly or log in over another credentials kind.
 *
 * <p>Checks {@link UsernamePassword} and {@link UsernameHashedPassword} (so PB's {@link
 * UsernameMD5Password} too) by handing the stored password to the credentials' {@code
 * checkPassword}. Usernames are bytes and case-sensitive; the avatar id is the username. An
 * unknown user and a wrong password both fail with the same {@link UnauthorizedLoginException},
 * and an unknown user's credentials are still checked against a dummy password, so the work is
 * the same.
 *
 * <p>Thread-safe: users may be added while logins run. Twisted equivalent: {@code
 * twisted.cred.checkers.InMemoryUsernamePasswordDatabaseDontUse}.
 */
public final class InMemoryUsernamePasswordDatabase implements CredentialsChecker.Synchronous {
  private final Map<ByteKey, byte[]> users = new ConcurrentHashMap<>();
  private final byte[] dummyPassword = new byte[16];

  /** Creates an empty database. */
  public InMemoryUsernamePasswordDatabase() {
    new SecureRandom().nextBytes(dummyPassword);
  }

  /**
   * Sets {@code username}'s plaintext password (both copied). Twisted: {@code addUser}.
   *
   * @param username the username's bytes, compared exactly; not null
   * @param password the plaintext password's bytes; not null
   */
  public void addUser(byte[] username, byte[] password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    users.put(ByteKey.copyOf(username), password.clone());
  }

  /**
   * Sets {@code username}'s plaintext password, both encoded as UTF-8.
   *
   * @param username the username; not null
   * @param password the plaintext password; not null
   */
  public void addUser(String username, String password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    addUser(username.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Removes {@code username}; returns whether it was present.
   *
   * @param username the username's bytes; not null
   * @return true if the user was present and is now removed
   */
  public boolean removeUser(byte[] username) {
    return users.remove(ByteKey.copyOf(Objects.requireNonNull(username, "username"))) != null;
  }

  /** {@link UsernamePassword} and {@link UsernameHashedPassword}, as in Twisted. */
  @Override
  public List<Class<? extends Credentials>> credentialInterfaces() {
    return List.of(UsernamePassword.class, UsernameHashedPassword.class);
  }

  /**
   * Returns the username as avatar id if the password matches.
   *
   * @throws UnauthorizedLoginException for an unknown user or a wrong password alike
   * @throws UnhandledCredentialsException for other kinds of credentials
   */
  @Override
  public AvatarId requestAvatarIdNow(Credentials credentials) {
    byte[] username;
    boolean matched;
    if (credentials instanceof UsernamePassword up) {
      username = up.username();
      byte[] stored = users.get(ByteKey.copyOf(username));
      matched = up.checkPassword(stored != null ? stored : dummyPassword) && stored != null;
    } else if (credentials instanceof UsernameHashedPassword hp) {
      username = hp.username();
      byte[] stored = users.get(ByteKey.copyOf(username));
      matched = hp.checkPassword(stored != null ? stored : dummyPassword) && stored != null;
    } else {
      throw UnhandledCredentialsException.forCredentials(credentials);
    }
    if (!matched) {
      throw new UnauthorizedLoginException();
    }
    return AvatarId.of(username);
  }
}
