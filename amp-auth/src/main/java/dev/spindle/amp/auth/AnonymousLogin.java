package dev.spindle.amp.auth;

import dev.spindle.amp.command.Command;
import dev.spindle.amp.command.ErrorCode;
import dev.spindle.amp.command.Request;
import dev.spindle.cred.UnauthorizedLoginException;

/**
 * Logs in without credentials: the portal is given {@link dev.spindle.cred.Anonymous}, so it
 * succeeds only if {@link dev.spindle.cred.checkers.AllowAnonymousAccess} (or another checker of
 * anonymous credentials) is registered; otherwise it fails with {@code NOT_IMPLEMENTED_ERROR}.
 *
 * <p>Wire: {@code AnonymousLogin() -> ()}, with the errors of {@link PasswordChallengeResponse}. A
 * Spindle extension: Divmod's ampauth has no such command.
 */
@Command(
    errors = {
      @ErrorCode(code = AmpLogin.UNAUTHORIZED_LOGIN, type = UnauthorizedLoginException.class),
      @ErrorCode(code = AmpLogin.NOT_IMPLEMENTED_ERROR, type = UnsupportedOperationException.class)
    })
public record AnonymousLogin() implements Request<Void> {}
