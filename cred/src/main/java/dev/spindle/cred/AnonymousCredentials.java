package dev.spindle.cred;

/** The shipped {@link Anonymous}. */
final class AnonymousCredentials implements Anonymous {
  @Override
  public String toString() {
    return "Anonymous";
  }
}
