package dev.spindle.cred;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A username and a plaintext password, as received from a client that sends its password in the
 * clear (for example over TLS). A checker may store the password in any form, since it sees the
 * plaintext; {@link dev.spindle.cred.checkers.FilePasswordDatabase} stores bcrypt hashes.
 *
 * <p>Usernames and passwords are bytes, as in Twisted. {@link #of(String, String)} encodes text as
 * UTF-8. The shipped implementation is immutable and thread-safe; its accessors return copies.
 * Twisted equivalent: {@code twisted.cred.credentials.IUsernamePassword} and its implementation
 * {@code UsernamePassword}.
 */
public interface UsernamePassword extends Credentials {
  /**
   * Returns the username (a copy).
   *
   * @return a fresh copy of the username's bytes
   */
  byte[] username();

  /**
   * Returns the plaintext password (a copy).
   *
   * @return a fresh copy of the password's bytes; a secret, never to be logged
   */
  byte[] password();

  /**
   * Returns true if {@code password}, the correct plaintext password, equals the one presented.
   * The shipped implementation compares in time that depends only on the presented password's
   * length.
   *
   * @param password the correct password, as the checker knows it; not null
   * @return true if the presented password has exactly the same bytes
   */
  boolean checkPassword(byte[] password);

  /**
   * Returns credentials holding copies of {@code username} and {@code password}.
   *
   * @param username the username's bytes; not null
   * @param password the plaintext password's bytes; not null
   * @return new immutable credentials
   */
  static UsernamePassword of(byte[] username, byte[] password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    return new DefaultUsernamePassword(username.clone(), password.clone());
  }

  /**
   * Returns credentials holding {@code username} and {@code password} encoded as UTF-8.
   *
   * @param username the username; not null
   * @param password the plaintext password; not null
   * @return new immutable credentials
   */
  static UsernamePassword of(String username, String password) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    return new DefaultUsernamePassword(
        username.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
  }
}
