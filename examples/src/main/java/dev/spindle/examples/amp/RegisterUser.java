package dev.spindle.examples.amp;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.ErrorCode;
import dev.spindle.amp.command.Request;

/**
 * The howto's {@code RegisterUser} command: a username and a public key in, a user id out, and
 * {@code username-unavailable} when the name is taken.
 *
 * <pre>
 * class RegisterUser(Command):
 *     arguments = [('username', Unicode()), ('publickey', String())]
 *     response = [('uid', Integer())]
 *     errors = {UsernameUnavailable: 'username-unavailable'}
 * </pre>
 */
@Command(errors = @ErrorCode(code = "username-unavailable", type = UsernameUnavailable.class))
public record RegisterUser(String username, byte[] publickey)
    implements Request<RegisterUser.Result> {
  /** The answer: the new user's id. */
  public record Result(long uid) {}
}
