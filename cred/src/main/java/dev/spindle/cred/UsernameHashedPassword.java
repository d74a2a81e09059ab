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
  /** Returns the username (a copy). */
  byte[] username();

  /**
   * Returns true if these credentials were made from {@code plaintextPassword}, the correct
   * password. Implementations compare in constant time.
   */
  boolean checkPassword(byte[] plaintextPassword);
}
