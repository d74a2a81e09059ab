package dev.spindle.cred;

/** Twisted's qualified names for the shipped credential interfaces. */
final class TwistedNames {
  private TwistedNames() {}

  /** Twisted's name for {@code type}, or its Java name if Twisted has no counterpart. */
  static String of(Class<?> type) {
    if (type == Credentials.class) {
      return "twisted.cred.credentials.ICredentials";
    } else if (type == UsernamePassword.class) {
      return "twisted.cred.credentials.IUsernamePassword";
    } else if (type == UsernameHashedPassword.class) {
      return "twisted.cred.credentials.IUsernameHashedPassword";
    } else if (type == UsernameMD5Password.class) {
      return "twisted.spread.pb.IUsernameMD5Password";
    } else if (type == Anonymous.class) {
      return "twisted.cred.credentials.IAnonymous";
    }
    return type.getName();
  }
}
