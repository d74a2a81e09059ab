package dev.spindle.cred;

/**
 * A username and a proof of the password that is not the password itself, such as PB's
 * challenge-response. The checker must know the plaintext password (or a password-equivalent
 * digest) so that the credentials can hash it the same way: a checker that stores only salted
 * hashes cannot serve these credentials.
 *
 * <p>Twisted equivalent: {@code twisted.cred.credentials.IUsernameHashedPassword}.
 */
public interface UsernameHashedPassword extends Credentials {
  /**
   * Returns the username (a copy).
   *
   * @return a fresh copy of the username's bytes, as the client sent them
   */
  byte[] username();

  /**
   * Returns true if these credentials were made from {@code plaintextPassword}, the correct
   * password. Implementations compare in constant time.
   *
   * @param plaintextPassword the correct password, as the checker knows it; not null
   * @return true if the proof matches {@code plaintextPassword}
   */
  boolean checkPassword(byte[] plaintextPassword);
}
