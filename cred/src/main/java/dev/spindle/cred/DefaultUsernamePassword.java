package dev.spindle.cred;

/** The shipped {@link UsernamePassword}: immutable, owns its arrays. */
final class DefaultUsernamePassword implements UsernamePassword {
  private final byte[] username;
  private final byte[] password;

  /** Takes ownership of both arrays. */
  DefaultUsernamePassword(byte[] username, byte[] password) {
    this.username = username;
    this.password = password;
  }

  @Override
  public byte[] username() {
    return username.clone();
  }

  @Override
  public byte[] password() {
    return password.clone();
  }

  @Override
  public boolean checkPassword(byte[] correct) {
    return Secrets.equal(password, correct);
  }

  @Override
  public String toString() {
    return "UsernamePassword[username=" + Secrets.printable(username) + ", password=<hidden>]";
  }
}
