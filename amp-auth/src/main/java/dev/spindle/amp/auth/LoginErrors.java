package dev.spindle.amp.auth;

import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.cred.UnauthorizedLoginException;
import java.util.Objects;

/**
 * The error codes the login commands declare: {@code UNAUTHORIZED_LOGIN} for {@link
 * UnauthorizedLoginException} and {@code NOT_IMPLEMENTED_ERROR} for {@link
 * UnsupportedOperationException}, as ampauth's {@code UnauthorizedLogin} and {@code
 * NotImplementedError}. The generated specs map them by the commands' {@code @ErrorCode}s; this
 * class adds what ampauth does beyond that: a refused login is always answered with an empty
 * description, and a client sees the refusal as the plain {@code UnauthorizedLoginException()}.
 * Stateless.
 */
final class LoginErrors {
  private LoginErrors() {}

  /**
   * The error box for {@code failure}, or null if undeclared. {@code UNAUTHORIZED_LOGIN} always has
   * an empty description, as Twisted's {@code str(UnauthorizedLogin())}, whatever the checker's
   * message said: the answer must not tell an unknown user from a wrong password.
   */
  static RemoteAmpException declaredError(Throwable failure) {
    if (failure instanceof RemoteAmpException remote) {
      return remote;
    }
    if (failure instanceof UnauthorizedLoginException) {
      return new RemoteAmpException(AmpLogin.UNAUTHORIZED_LOGIN, "");
    }
    if (failure instanceof UnsupportedOperationException) {
      return new RemoteAmpException(
          AmpLogin.NOT_IMPLEMENTED_ERROR, Objects.toString(failure.getMessage(), ""));
    }
    return null;
  }

  /** What a responder fails with for {@code failure}: its error box if declared, else itself. */
  static Throwable answer(Throwable failure) {
    RemoteAmpException declared = declaredError(failure);
    return declared != null ? declared : failure;
  }

  /**
   * What a client's login future fails with for {@code failure}: an {@code UNAUTHORIZED_LOGIN}
   * with an empty description (which the generated spec turns into {@code new
   * UnauthorizedLoginException("")}) becomes {@code new UnauthorizedLoginException()}, whose
   * Twisted value is also empty; anything else is returned as it is.
   */
  static Throwable refusal(Throwable failure) {
    if (failure instanceof UnauthorizedLoginException refused
        && refused.getClass() == UnauthorizedLoginException.class
        && "".equals(refused.getMessage())) {
      return new UnauthorizedLoginException();
    }
    return failure;
  }
}
