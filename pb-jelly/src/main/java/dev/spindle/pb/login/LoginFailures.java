package dev.spindle.pb.login;

import dev.spindle.cred.LoginException;
import dev.spindle.pb.broker.FailureTranslator;
import dev.spindle.pb.broker.PythonError;

/**
 * Describes cred's {@link LoginException}s to a Twisted peer under their Twisted names ({@code
 * twisted.cred.error.UnauthorizedLogin} and its parents), so that a Python client can {@code
 * trap(UnauthorizedLogin)}. Installed on every PB endpoint; applications need not use it.
 */
public final class LoginFailures {
  /** The translator: a {@link LoginException} as its {@code twisted*} names; anything else, null. */
  @SuppressWarnings("exports") // for the endpoints in this module; its type is internal
  public static final FailureTranslator TRANSLATOR = t -> t instanceof LoginException e
      ? new PythonError(e.twistedTypeName(), e.twistedValue(), e.twistedParents())
      : null;

  private LoginFailures() {}
}
