package dev.spindle.cred;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * PB's challenge-response login: a random challenge from the server, and the client's answer
 * {@code MD5(MD5(password) || challenge)}, where {@code ||} is concatenation and both digests are
 * raw 16-byte MD5 values. The password never crosses the wire, but the server must know the
 * password or its MD5 digest, which is password-equivalent.
 *
 * <pre>{@code
 * // server, in remote_login(username): send challenge.bytes()
 * PbChallenge challenge = PbChallenge.random();
 * // server, in remote_respond(response, mind):
 * portal.login(challenge.credentials(username, response), mind, Perspective.class);
 *
 * // client, given the challenge bytes from the server:
 * byte[] response = PbChallenge.of(challengeBytes).respond(password);
 * }</pre>
 *
 * <p>Immutable and thread-safe. Twisted equivalent: {@code twisted.spread.pb.challenge()}, {@code
 * respond(challenge, password)} and {@code _PortalAuthChallenger}.
 */
public final class PbChallenge {
  /** Length of the challenges Twisted's servers send, and of every response: 16 bytes. */
  public static final int LENGTH = 16;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final byte[] challenge;

  private PbChallenge(byte[] challenge) {
    this.challenge = challenge;
  }

  /**
   * Returns a new unpredictable 16-byte challenge drawn from {@link SecureRandom}. Twisted sends the
   * MD5 digest of 15 to 24 letters from Python's non-cryptographic {@code random}; peers cannot
   * tell the difference, since both are 16 opaque bytes.
   *
   * @return a new challenge of {@value #LENGTH} random bytes
   */
  public static PbChallenge random() {
    byte[] bytes = new byte[LENGTH];
    RANDOM.nextBytes(bytes);
    return new PbChallenge(bytes);
  }

  /**
   * Returns the challenge {@code challenge} (copied), as received by a client from the server's
   * {@code login} answer. Any length is accepted, as in Twisted's {@code respond}.
   *
   * @param challenge the challenge bytes as received, of any length; not null
   * @return a challenge holding a copy of the bytes
   */
  public static PbChallenge of(byte[] challenge) {
    return new PbChallenge(Objects.requireNonNull(challenge, "challenge").clone());
  }

  /**
   * The challenge bytes (a copy), sent by the server as the first item of its answer.
   *
   * @return a fresh copy of the challenge bytes
   */
  public byte[] bytes() {
    return challenge.clone();
  }

  /**
   * The client's response for {@code password} (bytes, as given to Twisted's {@code
   * UsernamePassword}): {@code MD5(MD5(password) || challenge)}.
   *
   * @param password the password's bytes, as the user typed them encoded; not null
   * @return a new {@value #LENGTH}-byte response
   */
  public byte[] respond(byte[] password) {
    Objects.requireNonNull(password, "password");
    return respondToDigest(md5Password(password));
  }

  /**
   * The client's response given the MD5 digest of the password: {@code MD5(md5Password ||
   * challenge)}.
   *
   * @param md5Password the raw 16-byte MD5 digest of the password, as {@link #md5Password} makes
   *     it; not null
   * @return a new {@value #LENGTH}-byte response
   */
  public byte[] respondToDigest(byte[] md5Password) {
    Objects.requireNonNull(md5Password, "md5Password");
    return Secrets.md5(md5Password, challenge);
  }

  /**
   * The server's credentials for the client's {@code response} to this challenge: an {@link
   * UsernameMD5Password} (and {@link UsernameHashedPassword}) whose {@code checkPassword(p)} is
   * true iff {@code response == MD5(MD5(p) || challenge)}. {@code username} is exactly what the
   * client sent to {@code login}. Both arrays are copied.
   *
   * @param username the user name the client sent, as bytes; not null
   * @param response the client's response to this challenge, normally 16 bytes; not null
   * @return credentials for a {@link Portal}, secret-free in their {@code toString}
   */
  public UsernameMD5Password credentials(byte[] username, byte[] response) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(response, "response");
    return new PbChallengeCredentials(username.clone(), challenge, response.clone());
  }

  /**
   * MD5 of {@code password}: what a checker for {@link UsernameMD5Password} may store.
   *
   * @param password the password's bytes; not null
   * @return the raw 16-byte MD5 digest of {@code password}
   */
  public static byte[] md5Password(byte[] password) {
    return Secrets.md5(Objects.requireNonNull(password, "password"));
  }

  /** Hex of the challenge; challenges are not secret. */
  @Override
  public String toString() {
    return "PbChallenge[" + HexFormat.of().formatHex(challenge) + "]";
  }
}
