package dev.spindle.amp.auth;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.ErrorCode;
import dev.spindle.amp.command.Request;
import dev.spindle.cred.UnauthorizedLoginException;

/**
 * A login that sends the password itself: <strong>in the clear unless the connection is
 * encrypted</strong> (TLS, an SSH or stunnel tunnel). It exists for user stores that keep salted
 * hashes, such as {@link dev.spindle.cred.checkers.FilePasswordDatabase}, which cannot check a
 * {@link PasswordChallengeResponse}. Servers answer it only if built with {@link
 * AmpLoginServer.Builder#allowPlaintextLogin(boolean)}; otherwise it is {@code UNHANDLED}.
 *
 * <p>Wire: {@code Login(username: String, password: String) -> ()}, raw bytes, with the errors of
 * {@link PasswordChallengeResponse}. A Spindle extension: Divmod's ampauth has no such command.
 * Arrays are held as given. {@link #toString()} hides the password.
 *
 * @param username the user's name
 * @param password the plaintext password
 */
@Command(
    errors = {
      @ErrorCode(code = AmpLogin.UNAUTHORIZED_LOGIN, type = UnauthorizedLoginException.class),
      @ErrorCode(code = AmpLogin.NOT_IMPLEMENTED_ERROR, type = UnsupportedOperationException.class)
    })
public record Login(byte[] username, byte[] password) implements Request<Void> {
  @Override
  public String toString() {
    return "Login[username=<" + username.length + " bytes>, password=<hidden>]";
  }
}
