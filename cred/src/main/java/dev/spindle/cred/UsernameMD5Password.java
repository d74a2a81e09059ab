package dev.spindle.cred;

/**
 * PB's challenge-response credentials: they can be checked against the plaintext password or
 * against its MD5 digest, so a checker may store either (see {@link PbChallenge}). Extends {@link
 * UsernameHashedPassword}, since checking a plaintext password only means hashing it first.
 *
 * <p>Twisted equivalent: {@code twisted.spread.pb.IUsernameMD5Password}, provided together with
 * {@code IUsernameHashedPassword} by PB's {@code _PortalAuthChallenger}.
 */
public interface UsernameMD5Password extends UsernameHashedPassword {
  /**
   * Returns true if these credentials were made from a password whose MD5 digest is {@code
   * md5Password} (16 bytes). Implementations compare in constant time.
   *
   * @param md5Password the raw MD5 digest of the correct password, as the checker stores it; not
   *     null
   * @return true if the proof matches {@code md5Password}
   */
  boolean checkMD5Password(byte[] md5Password);
}
