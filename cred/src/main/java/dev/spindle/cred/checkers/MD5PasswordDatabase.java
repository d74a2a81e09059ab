package dev.spindle.cred.checkers;

import dev.spindle.cred.AvatarId;
import dev.spindle.cred.Credentials;
import dev.spindle.cred.CredentialsChecker;
import dev.spindle.cred.PbChallenge;
import dev.spindle.cred.UnauthorizedLoginException;
import dev.spindle.cred.UnhandledCredentialsException;
import dev.spindle.cred.UsernameMD5Password;
import dev.spindle.cred.UsernamePassword;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Unsalted MD5 digests of passwords held in memory: the store PB's challenge-response ({@link
 * UsernameMD5Password}) can check without plaintext passwords.
 *
 * <p><strong>Weaker than it looks.</strong> For PB, {@code MD5(password)} is password-equivalent:
 * whoever reads a stored digest can log in over PB without knowing the password (see {@link
 * PbChallenge#respondToDigest}). Unsalted MD5 is also fast to brute-force, so a leaked digest
 * soon yields the password itself. Protect the digests as you would the passwords; prefer {@link
 * FilePasswordDatabase} (bcrypt) for every credentials kind that carries the plaintext.
 *
 * <p>Checks {@link UsernameMD5Password} with {@code checkMD5Password}, and {@link UsernamePassword}
 * by comparing the MD5 of the presented password in constant time. Usernames are bytes and
 * case-sensitive; the avatar id is the username. Unknown users cost the same work as wrong
 * passwords and fail with the same {@link UnauthorizedLoginException}.
 *
 * <p>Thread-safe: users may be added while logins run. Twisted equivalent: none shipped; Twisted
 * documents {@code pb.IUsernameMD5Password} for checkers that "store the passwords … as a MD5
 * digest".
 */
public final class MD5PasswordDatabase implements CredentialsChecker.Synchronous {
  private static final int MD5_LENGTH = 16;

  private final Map<ByteKey, byte[]> digests = new ConcurrentHashMap<>();
  private final byte[] dummyDigest = new byte[MD5_LENGTH];

  /** Creates an empty database. */
  public MD5PasswordDatabase() {
    new SecureRandom().nextBytes(dummyDigest);
  }

  /**
   * Stores the MD5 digest of {@code password} for {@code username}.
   *
   * @param username the username's bytes, compared exactly; not null
   * @param password the plaintext password's bytes, hashed here and not kept; not null
   */
  public void addUser(byte[] username, byte[] password) {
    addUserDigest(username, PbChallenge.md5Password(password));
  }

  /**
   * Stores the MD5 digest of {@code password} for {@code username}, both encoded as UTF-8.
   *
   * @param username the username; not null
   * @param password the plaintext password, hashed here and not kept; not null
   */
  public void addUser(String username, String password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    addUser(username.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Stores {@code md5Password}, the 16-byte MD5 digest of the password, for {@code username}.
   *
   * @param username the username's bytes, compared exactly; not null
   * @param md5Password the raw MD5 digest of the password, as {@link PbChallenge#md5Password} makes
   *     it; not null
   * @throws IllegalArgumentException if the digest is not 16 bytes
   */
  public void addUserDigest(byte[] username, byte[] md5Password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(md5Password, "md5Password");
    if (md5Password.length != MD5_LENGTH) {
      throw new IllegalArgumentException(
          "md5Password: " + md5Password.length + " bytes (expected: " + MD5_LENGTH + ")");
    }
    digests.put(ByteKey.copyOf(username), md5Password.clone());
  }

  /**
   * Removes {@code username}; returns whether it was present.
   *
   * @param username the username's bytes; not null
   * @return true if the user was present and is now removed
   */
  public boolean removeUser(byte[] username) {
    return digests.remove(ByteKey.copyOf(Objects.requireNonNull(username, "username"))) != null;
  }

  /** {@link UsernameMD5Password} and {@link UsernamePassword}. */
  @Override
  public List<Class<? extends Credentials>> credentialInterfaces() {
    return List.of(UsernameMD5Password.class, UsernamePassword.class);
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
    if (credentials instanceof UsernameMD5Password md5) {
      username = md5.username();
      byte[] stored = digests.get(ByteKey.copyOf(username));
      matched = md5.checkMD5Password(stored != null ? stored : dummyDigest) && stored != null;
    } else if (credentials instanceof UsernamePassword up) {
      username = up.username();
      byte[] stored = digests.get(ByteKey.copyOf(username));
      byte[] presented = PbChallenge.md5Password(up.password());
      matched = MessageDigest.isEqual(presented, stored != null ? stored : dummyDigest) && stored != null;
    } else {
      throw UnhandledCredentialsException.forCredentials(credentials);
    }
    if (!matched) {
      throw new UnauthorizedLoginException();
    }
    return AvatarId.of(username);
  }
}
