package dev.spindle.amp.auth;

import dev.spindle.amp.exceptions.RemoteAmpException;
import dev.spindle.cred.UnauthorizedLoginException;
import java.util.Objects;

/**
 * The error codes the login commands declare, shared by their specs: {@code UNAUTHORIZED_LOGIN}
 * for {@link UnauthorizedLoginException} and {@code NOT_IMPLEMENTED_ERROR} for {@link
 * UnsupportedOperationException}, as ampauth's {@code UnauthorizedLogin} and {@code
 * NotImplementedError}. Stateless.
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

  /** The exception for a declared {@code errorCode}, or null if undeclared. */
  static Exception declaredException(String errorCode, String description) {
    switch (errorCode) {
      case AmpLogin.UNAUTHORIZED_LOGIN:
        return description.isEmpty()
            ? new UnauthorizedLoginException()
            : new UnauthorizedLoginException(description);
      case AmpLogin.NOT_IMPLEMENTED_ERROR:
        return new UnsupportedOperationException(description);
      default:
        return null;
    }
  }
}
