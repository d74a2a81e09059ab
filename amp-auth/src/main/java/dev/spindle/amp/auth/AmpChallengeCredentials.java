package dev.spindle.amp.auth;

import dev.spindle.cred.UsernameHashedPassword;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * The server-side credentials of an AMP challenge-response login: the username of {@link
 * PasswordLogin}, the challenge the server sent, and the nonce and response of the client's {@link
 * PasswordChallengeResponse}. {@link #checkPassword} recomputes the response from the correct
 * plaintext password and compares in constant time.
 *
 * <p>Being a {@link UsernameHashedPassword}, these credentials are checked by checkers that know
 * the plaintext password, such as {@link
 * dev.spindle.cred.checkers.InMemoryUsernamePasswordDatabase}. A checker that keeps only salted
 * hashes, such as the bcrypt {@link dev.spindle.cred.checkers.FilePasswordDatabase}, cannot check
 * them (the portal then answers {@link dev.spindle.cred.UnhandledCredentialsException}); use the
 * {@link Login} command over an encrypted connection instead.
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows only the username. Twisted equivalent:
 * Divmod's {@code epsilon.ampauth._AMPUsernamePassword}.
 */
public final class AmpChallengeCredentials implements UsernameHashedPassword {
  /** Length of {@link #response}: a SHA-1 digest, 20 bytes. */
  public static final int RESPONSE_BYTES = 20;

  private static final byte[] SEPARATOR = {' '};

  private final byte[] username;
  private final byte[] challenge;
  private final byte[] cnonce;
  private final byte[] response;

  private AmpChallengeCredentials(
      byte[] username, byte[] challenge, byte[] cnonce, byte[] response) {
    this.username = username;
    this.challenge = challenge;
    this.cnonce = cnonce;
    this.response = response;
  }

  /**
   * Returns credentials holding copies of the arrays.
   *
   * @param username the username of {@link PasswordLogin}; not null
   * @param challenge the challenge the server sent; not null
   * @param cnonce the client's nonce; not null
   * @param response the client's response, normally {@value #RESPONSE_BYTES} bytes; not null
   * @return the credentials, holding copies of the arrays
   */
  public static AmpChallengeCredentials of(
      byte[] username, byte[] challenge, byte[] cnonce, byte[] response) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(cnonce, "cnonce");
    Objects.requireNonNull(response, "response");
    return new AmpChallengeCredentials(
        username.clone(), challenge.clone(), cnonce.clone(), response.clone());
  }

  /**
   * The response that proves {@code password}: {@code SHA-1(challenge || " " || cnonce || " " ||
   * password)}, the raw 20-byte digest of the three byte strings joined by single spaces (0x20).
   *
   * <p>This mirrors Divmod's {@code epsilon.ampauth._calcResponse}, which is {@code
   * sha1(b'%s %s %s' % (challenge, nonce, password)).digest()} in twisted/epsilon (Python 3) and
   * {@code sha('%s %s %s' % ...)} in the original Python 2 release: byte-for-byte the same. (The
   * Python 3 fork opacam/epsilon formats with {@code %r}, hashing the {@code b'...'} reprs instead;
   * it interoperates with neither, nor with this.) The only place Spindle computes the response.
   *
   * @param challenge the server's challenge; not null
   * @param cnonce the client's nonce; not null
   * @param password the plaintext password; not null
   * @return a new {@value #RESPONSE_BYTES}-byte array with the digest
   */
  public static byte[] response(byte[] challenge, byte[] cnonce, byte[] password) {
    Objects.requireNonNull(challenge, "challenge");
    Objects.requireNonNull(cnonce, "cnonce");
    Objects.requireNonNull(password, "password");
    MessageDigest sha1;
    try {
      sha1 = MessageDigest.getInstance("SHA-1");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every Java platform", e);
    }
    sha1.update(challenge);
    sha1.update(SEPARATOR);
    sha1.update(cnonce);
    sha1.update(SEPARATOR);
    sha1.update(password);
    return sha1.digest();
  }

  @Override
  public byte[] username() {
    return username.clone();
  }

  /**
   * Returns true if the client's response was computed from {@code plaintextPassword}, compared in
   * constant time; false for null.
   */
  @Override
  public boolean checkPassword(byte[] plaintextPassword) {
    if (plaintextPassword == null) {
      return false;
    }
    return MessageDigest.isEqual(response(challenge, cnonce, plaintextPassword), response);
  }

  @Override
  public String toString() {
    return "AmpChallengeCredentials[username="
        + new String(username, StandardCharsets.UTF_8)
        + ", response=<hidden>]";
  }
}
