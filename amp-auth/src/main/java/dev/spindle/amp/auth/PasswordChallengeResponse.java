package dev.spindle.amp.auth;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.ErrorCode;
import dev.spindle.amp.command.Request;
import dev.spindle.cred.UnauthorizedLoginException;

/**
 * The second step of a challenge-response login: proves knowledge of the password for the user
 * and challenge of the last {@link PasswordLogin} on this connection, without sending it. On
 * success the connection's commands go to the avatar from then on.
 *
 * <p>Wire: {@code PasswordChallengeResponse(cnonce: String, response: String) -> ()}, raw bytes,
 * where {@code response} is {@link AmpChallengeCredentials#response}. Errors
 * (the connection stays open): {@code UNAUTHORIZED_LOGIN} for an unknown user, a wrong password,
 * or no pending challenge alike, with an empty description; {@code NOT_IMPLEMENTED_ERROR} if the
 * server cannot check such credentials or its avatar answers no AMP commands. Arrays are held as
 * given. {@link #toString()} hides the response. Twisted equivalent: Divmod's {@code
 * epsilon.ampauth.PasswordChallengeResponse}.
 *
 * @param cnonce the client's random nonce, {@value AmpLogin#CNONCE_BYTES} bytes from {@link
 *     AmpLogin}
 * @param response the 20-byte SHA-1 digest proving the password
 */
@Command(
    errors = {
      @ErrorCode(code = AmpLogin.UNAUTHORIZED_LOGIN, type = UnauthorizedLoginException.class),
      @ErrorCode(code = AmpLogin.NOT_IMPLEMENTED_ERROR, type = UnsupportedOperationException.class)
    })
public record PasswordChallengeResponse(byte[] cnonce, byte[] response) implements Request<Void> {
  @Override
  public String toString() {
    return "PasswordChallengeResponse[cnonce=<" + cnonce.length + " bytes>, response=<hidden>]";
  }
}
