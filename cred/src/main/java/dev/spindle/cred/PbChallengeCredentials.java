package dev.spindle.cred;

/**
 * PB's server-side credentials: a username, the challenge sent, and the client's response.
 * Immutable. Twisted equivalent: {@code twisted.spread.pb._PortalAuthChallenger}.
 */
final class PbChallengeCredentials implements UsernameHashedPassword, UsernameMD5Password {
  private final byte[] username;
  private final byte[] challenge;
  private final byte[] response;

  /** Takes ownership of the arrays; {@code challenge} is never modified. */
  PbChallengeCredentials(byte[] username, byte[] challenge, byte[] response) {
    this.username = username;
    this.challenge = challenge;
    this.response = response;
  }

  @Override
  public byte[] username() {
    return username.clone();
  }

  @Override
  public boolean checkPassword(byte[] plaintextPassword) {
    if (plaintextPassword == null) {
      return false;
    }
    return checkMD5Password(Secrets.md5(plaintextPassword));
  }

  @Override
  public boolean checkMD5Password(byte[] md5Password) {
    if (md5Password == null) {
      return false;
    }
    return Secrets.equal(response, Secrets.md5(md5Password, challenge));
  }

  @Override
  public String toString() {
    return "UsernameMD5Password[username=" + Secrets.printable(username) + ", response=<hidden>]";
  }
}
