package dev.spindle.amp.auth;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.Request;

/**
 * The first step of a challenge-response login: the client names the user, the server answers
 * with a fresh random challenge, to be answered by {@link PasswordChallengeResponse} on the same
 * connection. Sending it again replaces the pending challenge.
 *
 * <p>Wire: {@code PasswordLogin(username: String) -> (challenge: String)}, both raw bytes; no
 * declared errors. The server's challenge is {@value AmpLogin#CHALLENGE_BYTES} random bytes.
 * Arrays are held as given, not copied. Twisted equivalent: Divmod's {@code
 * epsilon.ampauth.PasswordLogin}.
 *
 * @param username the user's name, as the server's checker knows it (UTF-8 by convention)
 */
@Command
public record PasswordLogin(byte[] username) implements Request<PasswordLogin.Result> {
  /**
   * The server's answer.
   *
   * @param challenge the random challenge to hash with the password
   */
  public record Result(byte[] challenge) {}
}
